"""Static analysis site and corpus explorer: records -> validated, anchored corpus -> MkDocs site."""
