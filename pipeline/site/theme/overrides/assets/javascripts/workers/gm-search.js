/* The archive's search worker: mkdocs-material's own worker (lunr, the jieba-segmented
 * entries, its ranking and highlighting unchanged), fed the index one shard at a time.
 *
 * search/search_index.json is a manifest (search_shards.py): config.shards lists site.json
 * (pages other than posts) and one shard per year, newest first. Nothing is downloaded
 * until the reader opens search; then site.json and the newest year. A query with few
 * results loads older years while they stay within AUTO_BYTES; the rest loads when the
 * reader asks ({gm: "more"} from govmedia.js). Our own messages carry a "gm" field.
 * Same origin only: the material worker's name is checked, every URL is of this site. */
(function () {
  "use strict";
  var FEW = 10; /* fewer results than this: look in an older year */
  var AUTO_BYTES = 4000000; /* what is loaded without the reader asking, at most */
  var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
  var name = new URL(self.location.href).searchParams.get("material") || "";
  if (!/^search\.[0-9a-f]+\.min\.js$/.test(name)) throw new Error("unexpected search worker");
  var base = new URL("../../../", self.location.href); /* the site's root */

  var listeners = [];
  var replies = [];
  var nativeAdd = self.addEventListener.bind(self);
  var nativePost = self.postMessage.bind(self);
  self.addEventListener = function (type, listener) {
    if (type === "message") listeners.push(listener);
    else nativeAdd.apply(self, arguments);
  };
  self.postMessage = function (data) {
    var reply = replies.shift();
    if (reply) reply(data);
  };
  importScripts(name); /* registers its listener through ours; "../lunr" stays right */

  function material(message) {
    return new Promise(function (resolve) {
      replies.push(resolve);
      listeners.forEach(function (listener) {
        listener({ data: message });
      });
    });
  }

  var config = null;
  var options = {};
  var shards = [];
  var next = 0;
  var loadedBytes = 0;
  var docs = [];
  var lastQuery = null;
  var chain = Promise.resolve();
  var setUp = null;
  var configured = new Promise(function (resolve) {
    setUp = resolve; /* the reader may open search before the manifest arrived */
  });

  function later(task) {
    var run = chain.then(task);
    chain = run.catch(function () {});
    return run;
  }

  function fetchShard(shard) {
    if (!/^[0-9a-z]+\.json$/.test(shard.url)) return Promise.reject(new Error("bad shard"));
    return fetch(new URL("search/" + shard.url, base).href).then(function (response) {
      if (!response.ok) throw new Error("search shard " + shard.url + ": " + response.status);
      return response.json();
    });
  }

  /* Load the next `count` shards and give material the entries loaded so far. */
  function load(count) {
    var wanted = shards.slice(next, next + count);
    if (!wanted.length) return Promise.resolve(false);
    next += wanted.length;
    return Promise.all(wanted.map(fetchShard)).then(function (parts) {
      parts.forEach(function (part, i) {
        docs = docs.concat(part.docs || []);
        loadedBytes += wanted[i].bytes || 0;
      });
      return material({ type: SETUP, data: { config: config, docs: docs, options: options } });
    }).then(function () {
      return true;
    });
  }

  function start() {
    return next ? Promise.resolve(true) : load(2); /* site.json and the newest year */
  }

  function years(list) {
    return list.filter(function (s) {
      return s.name !== "site";
    }).map(function (s) {
      return s.name;
    });
  }

  function scope() {
    nativePost({
      gm: "scope",
      searched: years(shards.slice(0, next)),
      rest: years(shards.slice(next))
    });
  }

  function answer(expand) {
    return material({ type: QUERY, data: lastQuery }).then(function (reply) {
      var few = reply.data && reply.data.items && reply.data.items.length < FEW;
      var more = shards[next];
      if (expand && few && more && loadedBytes + (more.bytes || 0) <= AUTO_BYTES) {
        return load(1).then(function () {
          return answer(true);
        });
      }
      return reply;
    });
  }

  function query(text, expand) {
    lastQuery = text;
    return start().then(function () {
      return answer(expand);
    }).catch(function () {
      /* a shard did not load: answer from what did */
      return material({ type: QUERY, data: text });
    }).then(function (reply) {
      nativePost(reply);
      scope();
    });
  }

  nativeAdd("message", function (event) {
    var message = event.data || {};
    if (message.gm === "open") {
      later(function () {
        return configured.then(start).then(scope);
      });
    } else if (message.gm === "more") {
      later(function () {
        return configured.then(start).then(function () {
          return load(1);
        }).then(function () {
          return lastQuery === null ? scope() : query(lastQuery, false);
        });
      });
    } else if (message.type === SETUP) {
      var data = message.data || {};
      config = Object.assign({}, data.config);
      shards = Array.isArray(config.shards) ? config.shards : [];
      delete config.shards;
      options = data.options || {};
      setUp();
      if (!shards.length) {
        /* a whole index (not sharded): material as it is */
        later(function () {
          return material(message).then(nativePost);
        });
        return;
      }
      nativePost({ type: READY });
    } else if (message.type === QUERY) {
      later(function () {
        if (!shards.length) return material(message).then(nativePost);
        if (!String(message.data || "").trim()) {
          /* an empty query (material sends one when ready, and when the box is cleared):
             nothing is looked for, so no older year is loaded for it, whenever it comes */
          if (!next) {
            nativePost({ type: RESULT, data: { items: [] } });
            return undefined;
          }
          return query(message.data, false);
        }
        return query(message.data, true);
      });
    }
  });
})();
