"""Rule kinds in the manner of Vale: every content rule is data of one kind, read by a
small generic engine.

- ``existence``: a word or phrase of a lexicon (``pipeline/rules/lexicons/*.yml`` plus the
  unit's ``content/rules/terms.yml``), with its evasive spellings and context words — the
  engine is :mod:`pipeline.rules.engine`, the files are read by :mod:`pipeline.rules.lexicon`;
- ``combination``: words harmless alone, a violation within N characters of each other,
  unless context words are near (:mod:`.combination`);
- ``sequence``: words in order within one sentence, unless the sentence (or its neighbours)
  excuses them (:mod:`.sequence`);
- ``pattern``: a regular expression whose match a named validator checks (checksums of
  identity and card numbers, a password's shape: :mod:`.pattern`, :mod:`.validators`).

The package's rule files of the last three kinds are ``pipeline/rules/rulefiles/*.yml``,
named by article and item; the unit adds its own in ``content/rules/`` (:mod:`.rulebook`).
A word list that several files need is a vocabulary (``pipeline/rules/vocabularies/``),
named in any word list as ``$name`` (:mod:`.vocabulary`).
Every file is read on the schema layer (:mod:`.schema`, :mod:`.fields`): every problem
named by file, line, column and field. A unit file's regular expressions must not backtrack
super-linearly (:mod:`.regex_safety`); they read a text in bounded windows (:mod:`.pattern`).
"""
