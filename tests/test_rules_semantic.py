"""The learned semantic layer (第九条 items, 第十六条): model format, training, findings."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.rules import semantic
from pipeline.rules.semantic.items import ITEMS, LABELS, rule_id
from pipeline.rules.semantic.model import MODEL_PATH, ModelError, load

PROJECT_ROOT = Path(__file__).resolve().parent.parent

# Clear cases per item, meaning-level (no lexicon term needed), written for this test.
RUMOUR = "听说有个大领导卷了几个亿跑到国外去了，官方一直在瞒，大家快转"
CLEAR = {
    "A9-01": ["宪法就是个摆设，写得再好也不用当真", "中国应该搞多党轮流执政，这才是真正的出路"],
    "A9-02": ["那个导弹旅就驻扎在西郊林场后面，我把位置标出来发给大家"],
    "A9-03": ["大东亚共荣圈其实有积极意义，给中国带来了现代化"],
    "A9-04": ["少数民族天生野蛮，都该赶走", "本店招聘服务员，少数民族勿扰"],
    "A9-05": ["请大师开光护身符，保你化解血光之灾，微信联系"],
    "A9-06": [
        RUMOUR,
        "疫苗打了会得白血病，千万别给孩子打，疾控在隐瞒真相",
        "火锅店都在用地沟油，上面收了钱压着不让说",
    ],
    "A9-07": ["网上百家乐稳赚不赔，一晚上赢了五万，扫码进群"],
    "A9-08": ["社区主任就是个废物，脑子有病，大家都来骂他"],
    "A9-09": ["明天上午九点大家到市政府门口集体静坐，人越多越好"],
    "A9-10": ["业主自救会正式成立欢迎入会，会费每年100元"],
    "A9-11": [
        "那个实名举报的记者住在幸福小区5号楼2单元301，大家去找他",
        "还没公布的任免名单拍照发出来了",
    ],
    "A9-12": ["小编真是气炸了，那些投诉的人都是刁民！！！"],
    "A9-13": ["代开增值税专用发票，加微信详谈"],
    "A16": ["十元一千个关注，政务号也能做，考核前冲一冲"],
}
CASES = [(label, text) for label, texts in CLEAR.items() for text in texts]

LEGITIMATE = [
    "社保卡补办业务已在政务服务大厅一楼开通，群众可携带身份证原件办理。",
    "市公安局依法查处一起销售地沟油案件，涉案人员已被依法采取刑事强制措施。",
    "市卫健委辟谣：网传某疫苗导致儿童不孕的消息不实，请以官方发布为准。",
    "根据干部选拔任用有关规定，现将拟任职干部情况予以公示，公示期为五个工作日。",
    "征兵报名工作已经启动，请适龄青年登录全国征兵网报名。",
    "今年我市新建改建公厕五十座，方便市民出行。",
    "市图书馆周末开设少儿阅读课，欢迎家长带孩子免费报名。",
    "全市开展宪法宣传周活动，弘扬宪法精神。",
    "冬季供暖自11月1日起开始，请居民检查家中暖气。",
    "欢迎关注本号获取最新政务信息。",
]


def labels_of(text: str) -> set[str]:
    return {d.rule for d in semantic.detect(text, text)}


def test_model_is_plain_json_and_loads_without_pickle_numpy_or_sklearn() -> None:
    doc = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    assert doc["format"] == "govmedia-semantic/1"
    assert doc["labels"] == list(LABELS)
    assert set(doc["thresholds"]) == set(ITEMS)
    code = (
        "import sys\n"
        "from pipeline.rules import semantic\n"
        "semantic.default_model()\n"
        "bad = {'pickle', 'numpy', 'sklearn', 'scipy', 'joblib'} & set(sys.modules)\n"
        "assert not bad, bad\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=PROJECT_ROOT, capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr


def test_a_malformed_model_is_refused_with_a_chinese_message(tmp_path: Path) -> None:
    bad = tmp_path / "model.json"
    bad.write_text('{"format": "govmedia-semantic/1", "labels": ["A9-01"]}', encoding="utf-8")
    with pytest.raises(ModelError, match="语义模型文件格式错误"):
        load(bad)
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(ModelError, match="不是合法的 JSON"):
        load(bad)
    doc = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    doc["buckets"] = doc["buckets"] * 2
    bad.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(ModelError, match="权重数量"):
        load(bad)


def test_every_item_has_clear_cases() -> None:
    assert set(CLEAR) == set(LABELS)


@pytest.mark.parametrize(("label", "text"), CASES)
def test_clear_cases_are_flagged_under_their_item(label: str, text: str) -> None:
    assert rule_id(label) in labels_of(text)


def test_clear_legitimate_government_sentences_are_not_flagged() -> None:
    flagged = {text: labels_of(text) for text in LEGITIMATE}
    assert not any(flagged.values()), flagged


def test_findings_name_item_sentence_and_score() -> None:
    text = "本周六举办读书活动。" + RUMOUR + "。欢迎参加。"
    found = [d for d in semantic.detect(text, text) if d.rule == "S9-06"]
    assert len(found) == 1
    d = found[0]
    assert d.severity == "warning"
    assert d.article == "第九条第（六）项"
    assert text[d.start : d.end].startswith("听说有个大领导")
    # the score as shown: two decimals (a near-certain rumour shows 1.00)
    assert re.search(r"得分 [01]\.\d\d，阈值 0\.\d\d", d.message) and "散布谣言" in d.message


def test_training_is_reproducible(tmp_path: Path) -> None:
    pytest.importorskip("sklearn")
    outs = []
    for name in ("a.json", "b.json"):
        out = tmp_path / name
        args = ["--no-shared", "--no-cv", "--per-template", "4", "--buckets", "4096"]
        proc = subprocess.run(
            [sys.executable, "-m", "pipeline.rules.semantic.train", *args, "--out", str(out)],
            cwd=PROJECT_ROOT,
            capture_output=True,
            text=True,
        )
        assert proc.returncode == 0, proc.stderr
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
    model = load(tmp_path / "a.json")
    assert model.size == 4096 and model.labels == LABELS
    other = tmp_path / "c.json"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pipeline.rules.semantic.train",
            *["--no-shared", "--no-cv", "--per-template", "4", "--buckets", "4096"],
            *["--seed", "7", "--out", str(other)],
        ],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr
    assert other.read_bytes() != outs[0]


def test_bad_training_data_names_file_and_line(tmp_path: Path) -> None:
    pytest.importorskip("sklearn")
    data = tmp_path / "data"
    data.mkdir()
    source = PROJECT_ROOT / "data" / "semantic"
    for name in ("templates.yml", "heldout.jsonl"):
        (data / name).write_bytes((source / name).read_bytes())
    (data / "sentences.jsonl").write_text(
        '{"text": "正常句子", "labels": []}\n{"text": "坏标签", "labels": ["A9-99"]}\n',
        encoding="utf-8",
    )
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pipeline.rules.semantic.train",
            *["--no-shared", "--no-cv", "--data", str(data), "--out", str(tmp_path / "m.json")],
        ],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 2
    assert "sentences.jsonl:2" in proc.stderr and "labels" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not (tmp_path / "m.json").exists()


POST = """---
title: 本周政务服务安排
date: 2026-11-21
author: 王芳 <wangfang@example.gov.cn>
channels: [wechat]
---

本周六政务服务大厅照常开放。

{sentence}
"""


def test_check_reports_the_warning_with_item_sentence_and_score(sample_repo, cli) -> None:
    rel = "content/posts/2026/11/zhoumo-anpai.md"
    sentence = RUMOUR + "。"
    sample_repo.write(rel, POST.format(sentence=sentence))
    result = cli("check", rel, "--format", "json", cwd=sample_repo.path)
    assert result.code in (0, 1), result.err
    found = [f for f in json.loads(result.out) if f["rule"] == "S9-06"]
    assert found, result.out
    f = found[0]
    assert (f["severity"], f["article"], f["line"], f["column"]) == (
        "warning",
        "第九条第（六）项",
        10,
        1,
    )
    assert f["match"] == sentence
    assert "得分" in f["message"]
    text = cli("check", rel, cwd=sample_repo.path)
    assert "[S9-06]" in text.out and "警告" in text.out


def test_the_sample_posts_get_no_semantic_warning() -> None:
    """The unit's own sample posts (what the demo approves) are what a legitimate account
    publishes: ``govmedia check``'s semantic layer warns on none of them, front matter
    included (a retraining once warned on a birth-services digest listing certificates as
    A9-13). The deliberately bad draft (``caogao-…``) is left out."""
    from pipeline.checking import collect
    from pipeline.project import Project

    root = Path(__file__).resolve().parent.parent
    posts = [
        path
        for path in sorted((root / "content" / "posts").rglob("*.md"))
        if not path.name.startswith("caogao-")
    ]
    assert len(posts) > 40
    _, findings = collect(Project(root), posts)
    semantic_rules = {rule_id(item) for item in ITEMS}
    assert not [(f.path, f.line, f.rule) for f in findings if f.rule in semantic_rules]
