"""Apply the re-read of question notes (review-qnotes.md, checked by the editor against the claims after the sweep)."""
import json, re
P='/work/main/questions.yaml'
NOTES = {
 3: ('hezbollah-not-told-of-oct7-in-advance', "Portal reports that Hezbollah was 'caught off guard' by the attack ('We woke up to a war,' said a Hezbollah commander), and Nasrallah said Hamas kept it secret from its allies; the wotr author leaves early coordination 'Possibly' open. Iran's closest ally being caught off guard fits poorly with an Iranian-directed operation but says little about what Tehran itself knew."),
 7: ('us-officials-no-evidence-of-iran-oct7-role', "Finer (cnn) and Kirby (wotr) said in the first days that the US had no specific evidence yet of Iranian involvement, Finer adding that the US would 'closely investigate'; absence of evidence so early does not separate the hypotheses."),
 9: ('hamas-used-iranian-aid-for-oct7', "The wotr author ('Definitely') says Hamas used Iranian aid; the explainer says that aid built an arsenal 'evidenced by the scale and sophistication of its attacks', without naming 7 October; Finer (cnn) calls Iran 'broadly complicit' without saying what aid was used. Each hypothesis allows this."),
 13: ('iran-seeks-to-avoid-direct-war', "Per Khamenei's message as relayed by Iranian and Hamas officials, officials with knowledge of Tehran's thinking and Karim Sadjadpour (Portal), Firas Maksad (Daily Beast) and the wotr author ('highly improbable'); the explainer later reports that Iran 'directly entered the fray'."),
 15: ('hezbollah-kept-attacks-limited-to-border', "As of October to December 2023, per the wotr author, Portal's sources close to Hezbollah and the Daily Beast; Nasrallah called the border fighting a 'real battle'."),
 16: ('iran-restraining-hezbollah', "Doug London and Firas Maksad (Daily Beast) say Iran wants Hezbollah preserved rather than spent for Hamas; wotr reports 'the prevailing assessment in Israel' to the same effect, then questions it, and argues Iran may now see using Hezbollah as justified."),
 20: ('us-deterrence-signals', "wotr and Portal report two US aircraft carriers in the eastern Mediterranean, 'seemingly with the intent of deterring Hizballah and Iran' (wotr), 'partly as a warning to Tehran' (Portal); deterrence aims at limiting the war but does not settle the outcome."),
 29: ('hamas-relies-less-on-iran-than-pij', "The wotr author says Hamas 'relies less on Iran' because of its 'more significant and diverse financial resources', while PIJ 'relies more on assistance from Iran'. Less reliance fits a smaller sum but does not rule out a larger one."),
 31: ('iranian-support-helps-hamas-hold-gaza', "The explainer says Iranian money lets Hamas 'pay its fighters, and fund its social services in Gaza'; the wotr author says Iran had 'a clear strategic interest in helping to bolster Hamas’ rule in Gaza'. Both describe what the support does, not its size."),
 34: ('iran-closer-to-pij-than-to-hamas', "The wotr author says Iran's connection with PIJ is 'stronger' than with Hamas, citing PIJ's 'deep ideological relationship' with Iran; this bears on the closeness of the ties, not on the size of Iran's funding."),
 38: ('hamas-iran-ties-improved-after-syria-rift', "The later improvement in Hamas's relations with Iran, which wotr ties to the end of the Syrian war and Hamas's 2017 leadership changes and cnn to Syria's improving relations with Arab states, fits each hypothesis."),
 42: ('hamas-relies-less-on-iran-than-pij', "The wotr author's view: Hamas 'relies less on Iran' than PIJ, which 'relies more on assistance from Iran'. Less dependence fits independence but does not by itself rule out direction."),
 46: ('iran-network-loose-not-hierarchical', "The wotr author, the explainer ('informal alliance', coordination 'not always direct command') and the Daily Beast (groups 'which have their own relationship with Iran') describe the Axis as a loose network; Portal reports Iran's own statement that all members make their own decisions independently."),
 47: ('khamenei-urged-haniyeh-to-silence-calls-for-intervention', "Per a Hamas official quoted by Portal: Khamenei urged, rather than ordered, Haniyeh to silence voices in Hamas publicly calling on Iran and Hezbollah to join the fight 'in full force'."),
 49: ('iran-restraining-hezbollah', "Doug London and Firas Maksad (Daily Beast), and 'the prevailing assessment in Israel' that wotr reports and then questions; a Portal source close to Hezbollah gives Hezbollah's own reason instead."),
 53: ('hezbollah-acts-almost-as-direct-iranian-proxy', "If Hezbollah acts 'almost as a direct proxy' (the explainer; London, who contrasts it with Hamas), the decision lies in Tehran; wotr reports the Israeli view of Hezbollah as Iran's 'strategic tool', while Iran says all members of the alliance make their own decisions (Portal)."),
 59: ('hezbollah-restraint-due-to-lebanon-internal-situation', "The wotr author attributes the restraint partly to 'Lebanon’s internal situation' (the IDF mobilisation and US support for Israel, which the author also names, are claims of their own); Portal: Hezbollah 'knows that Lebanon can ill afford another war'."),
 61: ('iran-network-loose-not-hierarchical', "The wotr author, the explainer ('informal alliance') and the Daily Beast; Portal reports Iran's own statement that all members of the alliance make their own decisions independently."),
 62: ('iran-leads-axis-of-resistance', "Portal ('alliance leader Iran') and wotr ('led by the Islamic Republic of Iran'), though wotr describes that leadership as loose rather than 'direct Iranian command and control'; an alliance with a leader is more than a match of convenience."),
 64: ('april-2023-escalation-not-iranian-initiative', "The wotr author: the April 2023 round was 'not directly orchestrated by Tehran' and its impetus 'not directly linked to Iran', although the IRGC played a 'central role' and, per 'Lebanese press reports' it cites, the 6 April rocket decision was taken at a meeting attended by the Quds Force commander."),
 67: ('axis-coordination-may-not-be-perfectly-aligned', "The Daily Beast: coordination against Israel 'might not be perfectly aligned'; Portal: the coalition's members 'have different priorities and domestic challenges', which the war is testing."),
 72: ('gaza-war-first-significant-test-of-axis-cooperation', "The wotr author: the Gaza war is the 'first significant test event' of cooperation among the Axis's elements; Portal says the conflict 'is testing the limits of the regional coalition', without calling it the first. A test of cooperation does not show who directs it."),
}
RATINGS = {59: "{iran-preserving-deterrent: neutral, israeli-us-deterrence: neutral, lebanese-constraints: consistent}"}
lines = open(P).read().split('\n'); n = 0; cur = None; out = []
changed = {}
qid = None
for line in lines:
    m = re.match(r'  - id: (\S+)', line)
    if m: qid = m.group(1)
    m = re.match(r'      - claim: (\S+)', line)
    if m:
        n += 1; cur = n
        if n in NOTES: assert NOTES[n][0] == m.group(1), (n, m.group(1))
    m = re.match(r'(        note: ).*', line)
    if m and cur in NOTES:
        line = m.group(1) + json.dumps(NOTES[cur][1], ensure_ascii=False); changed.setdefault(qid, []).append(NOTES[cur][0])
    m = re.match(r'(        ratings: ).*', line)
    if m and cur in RATINGS:
        line = m.group(1) + RATINGS[cur]
    out.append(line)
open(P, 'w').write('\n'.join(out))
json.dump(changed, open('/work/review/qnotes-changed.json', 'w'), indent=1)
print(n, sum(len(v) for v in changed.values()))
