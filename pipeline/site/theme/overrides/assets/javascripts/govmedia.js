/* The archive's own script (no other host, no library): 适老化 toolbar, search that reacts
 * to every input, and the accessibility fixes that need the page's live state.
 * Loaded in <head> so the reader's saved choice applies before the page is drawn. */
(function () {
  "use strict";
  var KEY = "govmedia-a11y";
  var SCALES = [1, 1.25, 1.5, 1.75, 2];
  var ZWSP = /[\u200b\u200c\u200d\u2060\ufeff]/g;
  var root = document.documentElement;

  function load() {
    var state = { scale: 0, contrast: false, elder: false };
    try {
      var saved = JSON.parse(window.localStorage.getItem(KEY) || "{}");
      if (typeof saved.scale === "number" && saved.scale >= 0 && saved.scale < SCALES.length) {
        state.scale = Math.floor(saved.scale);
      }
      state.contrast = saved.contrast === true;
      state.elder = saved.elder === true;
    } catch (e) {
      /* no storage (private mode) or a bad value: defaults */
    }
    return state;
  }

  function save(state) {
    try {
      window.localStorage.setItem(KEY, JSON.stringify(state));
    } catch (e) {
      /* not remembered, still applied */
    }
  }

  function apply(state) {
    var scale = SCALES[state.scale];
    if (state.elder && scale < 1.5) scale = 1.5;
    if (scale > 1) root.setAttribute("data-gm-scale", String(scale));
    else root.removeAttribute("data-gm-scale");
    root.style.setProperty("--gm-scale", String(scale));
    root.classList.toggle("gm-contrast", state.contrast);
    root.classList.toggle("gm-elder", state.elder);
  }

  var state = load();
  apply(state);

  function announce(text) {
    var status = document.querySelector("[data-gm-status]");
    if (status) status.textContent = text;
  }

  function sync(toolbar) {
    var pressed = { contrast: state.contrast, elder: state.elder };
    Object.keys(pressed).forEach(function (action) {
      var button = toolbar.querySelector('[data-gm-action="' + action + '"]');
      if (button) button.setAttribute("aria-pressed", String(pressed[action]));
    });
  }

  function readAloud(button) {
    var synth = window.speechSynthesis;
    if (synth.speaking) {
      synth.cancel();
      button.setAttribute("aria-pressed", "false");
      return;
    }
    var article = document.querySelector(".md-content article") || document.body;
    var utterance = new window.SpeechSynthesisUtterance(article.innerText.replace(ZWSP, ""));
    utterance.lang = "zh-CN";
    utterance.onend = function () {
      button.setAttribute("aria-pressed", "false");
    };
    button.setAttribute("aria-pressed", "true");
    synth.speak(utterance);
  }

  function act(action, button, toolbar) {
    if (action === "speak") return readAloud(button);
    if (action === "larger") state.scale = Math.min(SCALES.length - 1, state.scale + 1);
    if (action === "smaller") state.scale = Math.max(0, state.scale - 1);
    if (action === "reset") state.scale = 0;
    if (action === "contrast") state.contrast = !state.contrast;
    if (action === "elder") state.elder = !state.elder;
    save(state);
    apply(state);
    sync(toolbar);
    focusScrollAreas();
    var scale = SCALES[state.scale];
    if (state.elder && scale < 1.5) scale = 1.5;
    announce(
      "文字大小 " + Math.round(scale * 100) + "%" +
        (state.contrast ? "，高对比度已开启" : "") +
        (state.elder ? "，长辈版已开启" : "")
    );
  }

  function setUpToolbar() {
    var toolbar = document.querySelector(".gm-toolbar");
    if (!toolbar) return;
    if ("speechSynthesis" in window && "SpeechSynthesisUtterance" in window) {
      toolbar.querySelector('[data-gm-action="speak"]').hidden = false;
    }
    toolbar.addEventListener("click", function (event) {
      var button = event.target.closest("[data-gm-action]");
      if (button) act(button.getAttribute("data-gm-action"), button, toolbar);
    });
    sync(toolbar);
    toolbar.hidden = false;
  }

  /* Search loads its index a year at a time (workers/gm-search.js): mkdocs-material's
   * worker is started through ours, which reports which years it has searched. Wrapped
   * before the material bundle runs (this script is in <head>). */
  var searchWorker = null;
  var SEARCH_WORKER = /(^|\/)workers\/(search\.[0-9a-f]+\.min\.js)$/;

  function wrapWorker() {
    var Native = window.Worker;
    if (!Native || window.location.protocol === "file:") return;
    function Wrapped(url, options) {
      var match = SEARCH_WORKER.exec(String(url));
      if (!match) return new Native(url, options);
      var worker = new Native(
        String(url).replace(SEARCH_WORKER, "$1workers/gm-search.js?material=$2"),
        options
      );
      worker.addEventListener("message", function (event) {
        if (event.data && event.data.gm) {
          event.stopImmediatePropagation(); /* ours, not material's */
          showScope(event.data);
        }
      });
      searchWorker = worker;
      return worker;
    }
    Wrapped.prototype = Native.prototype;
    window.Worker = Wrapped;
  }

  function years(list) {
    if (!list.length) return "";
    return list.length > 1 ? list[list.length - 1] + "—" + list[0] + " 年" : list[0] + " 年";
  }

  function askMore(event) {
    event.preventDefault();
    event.stopPropagation(); /* material closes search on a click on a link */
    if (searchWorker) searchWorker.postMessage({ gm: "more" });
  }

  function scopeBox() {
    var result = document.querySelector(".md-search-result");
    if (!result) return null;
    var box = result.querySelector(".gm-search-scope");
    if (box) return box;
    box = document.createElement("p");
    box.className = "gm-search-scope";
    box.appendChild(document.createElement("span"));
    var more = document.createElement("a");
    more.href = "#";
    more.className = "gm-search-more";
    more.setAttribute("role", "button");
    more.addEventListener("click", askMore);
    more.addEventListener("keydown", function (event) {
      if (event.key === " ") askMore(event);
    });
    box.appendChild(more);
    result.insertBefore(box, result.lastElementChild); /* after the count, before the list */
    return box;
  }

  function showScope(data) {
    var box = scopeBox();
    if (!box) return;
    var searched = data.searched || [];
    var rest = data.rest || [];
    box.hidden = !searched.length && !rest.length;
    box.firstChild.textContent = rest.length
      ? "已搜索 " + years(searched) + "的文章，" + years(rest) + "的文章尚未搜索。"
      : "已搜索全部年份（" + years(searched) + "）的文章。";
    var more = box.lastChild;
    more.hidden = !rest.length;
    more.textContent = rest.length ? "继续搜索 " + rest[0] + " 年的文章" : "";
  }

  wrapWorker();

  /* Material searches on keyup only: text from an input method, dictation or a paste
   * arrives without one. Every input event (composition end included) asks again. */
  function setUpSearch() {
    var input = document.querySelector("input.md-search__input");
    if (!input) return;
    function ask(event) {
      if (event.isComposing) return; /* the composition's end asks */
      input.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
    }
    input.addEventListener("input", ask);
    input.addEventListener("compositionend", function () {
      input.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
    });
    var toggle = document.getElementById("__search");
    if (toggle) {
      toggle.addEventListener("change", function () {
        if (toggle.checked && searchWorker) searchWorker.postMessage({ gm: "open" });
      });
    }
  }

  /* The search index separates words with zero-width spaces: never show or read them. */
  function stripInvisible(node) {
    var walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
    var text;
    while ((text = walker.nextNode())) {
      if (ZWSP.test(text.nodeValue)) text.nodeValue = text.nodeValue.replace(ZWSP, "");
      ZWSP.lastIndex = 0;
    }
    var labelled = node.querySelectorAll ? node.querySelectorAll("[title],[aria-label]") : [];
    Array.prototype.forEach.call(labelled, function (el) {
      ["title", "aria-label"].forEach(function (name) {
        var value = el.getAttribute(name);
        if (value && ZWSP.test(value)) el.setAttribute(name, value.replace(ZWSP, ""));
        ZWSP.lastIndex = 0;
      });
    });
  }

  /* A wide table or chart scrolls sideways: make its scroll area a named tab stop. */
  function focusScrollAreas() {
    var areas = document.querySelectorAll(".md-typeset__scrollwrap, .govmedia-chart-box");
    Array.prototype.forEach.call(areas, function (area) {
      if (area.scrollWidth > area.clientWidth + 1) {
        area.setAttribute("tabindex", "0");
        area.setAttribute("role", "region");
        var chart = area.classList.contains("govmedia-chart-box");
        var title = area.querySelector("table caption, svg title");
        area.setAttribute(
          "aria-label",
          (title ? title.textContent + "：" : "") + (chart ? "可横向滚动的图表" : "可横向滚动的表格")
        );
      } else if (area.getAttribute("tabindex") === "0") {
        area.removeAttribute("tabindex");
        area.removeAttribute("role");
        area.removeAttribute("aria-label");
      }
    });
  }

  function watch() {
    var results = document.querySelector(".md-search-result");
    if (results) {
      new MutationObserver(function (records) {
        records.forEach(function (record) {
          Array.prototype.forEach.call(record.addedNodes, function (added) {
            if (added.nodeType === 1) stripInvisible(added);
          });
        });
      }).observe(results, { childList: true, subtree: true });
    }
    var content = document.querySelector(".md-content") || document.body;
    new MutationObserver(focusScrollAreas).observe(content, { childList: true, subtree: true });
    window.addEventListener("resize", focusScrollAreas);
    focusScrollAreas();
  }

  /* Opened as a file (file://), the browser refuses the search index to the search worker:
   * say so where the reader searches, with what to do instead. */
  function noteFileSearch() {
    if (window.location.protocol !== "file:") return;
    var output = document.querySelector(".md-search__output");
    var input = document.querySelector(".md-search__input");
    if (!output || document.querySelector(".gm-file-note")) return;
    var note = document.createElement("p");
    note.className = "gm-file-note";
    note.setAttribute("role", "note");
    note.textContent =
      "本页是以本地文件（file://）方式打开的，浏览器不允许站内搜索读取索引。" +
      "请在站点目录运行 govmedia build 输出的 python -m http.server 命令，" +
      "再通过 http://127.0.0.1:8000/ 打开本站后搜索。";
    output.parentNode.insertBefore(note, output);
    if (input) input.setAttribute("placeholder", "搜索需通过 http 打开本站");
  }

  function start() {
    setUpToolbar();
    setUpSearch();
    noteFileSearch();
    watch();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
