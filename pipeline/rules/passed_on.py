"""A call to pass it on that spreads no rumour (round 67, issue 12).

The semantic layer's rumour item (``S9-06``) is an error when its flagged sentence also holds
a call to pass it on (``快转``, ``转给亲戚``, ``扩散``: the anchor words of
``semantic_anchors.yml`` and the ``SPREAD`` class of :mod:`pipeline.rules.second_signals`).
Two kinds of legitimate post call the reader to pass them on as a chain rumour does, and the
model may flag them:

- **good news of the place**: its produce praised, ripe or harvested (``本县的脐橙甜过初恋，
  快转给亲戚``, ``葡萄熟了，快转给朋友来采摘``), where the paragraph names no harm (a rumour
  that smears the produce says it is poisoned, dyed or sprayed: :data:`HARM`);
- **safety advice on a hazard of nature**: wild mushrooms, wild berries, puffer fish
  (:data:`HAZARD`), with the reader told not to pick, buy or eat them (:data:`ADVICE`:
  ``野生菌有毒…千万不要采食，快转给家里老人``).

Neither spreads a claim the reader cannot check: the warning stays for the reviewers, the
error is not raised (:func:`harmless`, read by :func:`pipeline.rules.anchored.escalate`).
"""

from __future__ import annotations

from pipeline.rules.compiled_re import compiled

RULE = "S9-06"
# Produce praised for its taste, ripe, harvested or on sale in its season, or the place's
# sights praised; an invitation to come and pick.
PRAISED = compiled(
    "甜过初恋|又大又甜|又甜又|香甜|清甜|脆甜|鲜甜|甘甜|好吃|真甜|很甜|特别甜|皮薄|多汁"
    "|(?<![煮烧炒蒸])熟了|成熟了|丰收|大丰收|上市了|开摘|开园|来采摘|采摘园|尝鲜|风景(?:很|真|特别)?(?:美|好)"
)
# What a rumour about food says of it (a smear of the produce names a harm).
HARM = compiled(
    "毒|癌|死|病|不育|激素|膨大剂|催熟|染色|打药|农药|注水|地沟油|假的|烂|臭|变质|过期|拉肚子|吐了"
)
# A hazard of nature a safety notice warns of.
HAZARD = compiled("野生菌|野蘑菇|毒蘑菇|毒菌|毒蕈|野生蘑菇|野生菇|野果|野菜|河豚|菌子")
# The reader told not to pick, buy or eat it.
ADVICE = compiled(
    "(?:不要|别|勿|切勿|请勿|千万不要|千万别|不可|不能|禁止)(?:随意|随便|擅自|轻易|自行)?"
    "(?:采食|采摘|采挖|采|食用|吃|购买|买|捡)"
)


def harmless(rule: str, sentence: str, paragraph: str) -> bool:
    """Whether a finding of ``rule`` on ``sentence`` (compacted) in ``paragraph`` passes on
    good news with no harm named, or safety advice on a hazard of nature."""
    if rule != RULE:
        return False
    if HAZARD.search(paragraph) is not None and ADVICE.search(paragraph) is not None:
        return True
    return PRAISED.search(sentence) is not None and HARM.search(paragraph) is None
