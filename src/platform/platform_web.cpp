// Browser implementation of the platform interface: thin EM_JS calls into
// shell/alin-shell.js (window.AlinShell) and emscripten fetch.
#include <emscripten.h>
#include <emscripten/fetch.h>

#include <cstdlib>
#include <cstring>
#include <memory>
#include <nlohmann/json.hpp>

#include "platform/platform.h"

namespace {

// Gives the shell access to the module's allocator for returning strings.
EM_JS(void, js_init, (), {
    AlinShell.allocString = function(s) {
        var n = lengthBytesUTF8(s) + 1;
        var p = _malloc(n);
        stringToUTF8(s, p, n);
        return p;
    };
});
EM_JS(void, js_poll_input, (float* out), {
    var a = AlinShell.pollInput();
    for (var i = 0; i < 9; i++) HEAPF32[(out >> 2) + i] = a[i];
});
// The system colours of forced-colors mode, 0xRRGGBB: Canvas, CanvasText,
// LinkText, Highlight, ButtonText (read from a probe the forcing leaves alone).
EM_JS(void, js_system_colors, (unsigned* out), {
    var probe = document.createElement("div");
    probe.style.cssText = "position:absolute;visibility:hidden;forced-color-adjust:none";
    document.body.appendChild(probe);
    var names = new Array("Canvas", "CanvasText", "LinkText", "Highlight", "ButtonText");
    for (var i = 0; i < 5; i++) {
        probe.style.color = names[i];
        var m = (getComputedStyle(probe).color.match(new RegExp("[0-9]+", "g")) || new Array(0, 0, 0)).map(Number);
        HEAPU32[(out >> 2) + i] = (m[0] << 16) | (m[1] << 8) | m[2];
    }
    probe.remove();
});
EM_JS(void, js_sync_semantics, (const char* json), { AlinShell.semantics.sync(UTF8ToString(json)); });
EM_JS(char*, js_take_events, (), { return AlinShell.allocString(AlinShell.semantics.takeEvents()); });
EM_JS(void, js_announce, (const char* text), { AlinShell.announce(UTF8ToString(text)); });
EM_JS(char*, js_current_route, (), { return AlinShell.allocString(AlinShell.currentRoute()); });
EM_JS(void, js_set_route, (const char* route, int replace), { AlinShell.setRoute(UTF8ToString(route), replace != 0); });
EM_JS(void, js_set_title, (const char* title), { document.title = UTF8ToString(title); });
EM_JS(void, js_set_lang, (const char* tag), { document.documentElement.lang = UTF8ToString(tag); });
EM_JS(char*, js_query_param, (const char* name), {
    var v = new URLSearchParams(window.location.search).get(UTF8ToString(name));
    return v == null ? 0 : AlinShell.allocString(v);
});
EM_JS(char*, js_catalogue_url, (const char* tag),
      { return AlinShell.allocString(AlinShell.catalogueUrl(UTF8ToString(tag))); });
EM_JS(char*, js_take_catalogue, (const char* tag), {
    var text = AlinShell.takePreloadedCatalogue(UTF8ToString(tag));
    return text == null ? 0 : AlinShell.allocString(text);
});
EM_JS(char*, js_page_base, (), { return AlinShell.allocString(window.location.href.split('#')[0]); });
EM_JS(char*, js_storage_get, (const char* key), {
    var v = AlinShell.storage().getItem(UTF8ToString(key));
    return v == null ? 0 : AlinShell.allocString(v);
});
EM_JS(void, js_storage_set, (const char* key, const char* value), {
    try {
        AlinShell.storage().setItem(UTF8ToString(key), UTF8ToString(value));
    } catch (e) {
        console.warn(e);
    }
});
EM_JS(void, js_storage_remove, (const char* key), { AlinShell.storage().removeItem(UTF8ToString(key)); });
EM_JS(void, js_open_url, (const char* url, int newTab), { AlinShell.openUrl(UTF8ToString(url), newTab != 0); });
// Kiosk: the on-screen keyboard's keys (data-sem-id "osk.*") keep focus in the
// field being typed into (no focus on press); text fields never call the system
// keyboard (inputmode none); a press on the focused field re-focuses it, which
// reopens the app's keyboard after it was closed.
// (The bodies are written for the C preprocessor: double quotes, == and !=.)
EM_JS(void, js_kiosk_setup, (), {
    var root = document.getElementById("sem-root");
    var isKey = function(el) {
        return !!(el && el.dataset && (el.dataset.semId || "").indexOf("osk.") == 0);
    };
    window.addEventListener("mousedown",
                            function(e) {
                                if (!isKey(e.target)) return;
                                e.preventDefault();
                                e.stopImmediatePropagation();
                            },
                            {capture : true});
    window.addEventListener("pointerdown",
                            function(e) {
                                var el = e.target;
                                if (!root || !root.contains(el) || el.tagName != "INPUT") return;
                                el.inputMode = "none";
                                if (document.activeElement == el) el.blur();
                            },
                            {capture : true});
    window.addEventListener("focusin",
                            function(e) {
                                if (e.target.tagName == "INPUT") e.target.inputMode = "none";
                            },
                            {capture : true});
});
EM_JS(void, js_kiosk_wipe, (), {
    try {
        sessionStorage.clear();
    } catch (e) {
    }
    try {
        localStorage.clear();
    } catch (e) {
    }
    document.cookie.split(";").forEach(function(c) {
        var name = c.split("=")[0].trim();
        if (name) document.cookie = name + "=; Max-Age=0; path=/";
    });
    try {
        if (window.indexedDB && indexedDB.databases) {
            indexedDB.databases().then(
                function(dbs) {
                    dbs.forEach(function(db) {
                        if (db.name) indexedDB.deleteDatabase(db.name);
                    });
                },
                function(){});
        }
    } catch (e) {
    }
    document.querySelectorAll("#sem-root input").forEach(function(el) {
        if (el.type != "checkbox" && el.type != "radio") el.value = "";
    });
    var live = document.getElementById("live");
    if (live) live.textContent = "";
});
EM_JS(void, js_first_frame, (), { AlinShell.firstFrameDrawn(); });
// A new tab showing an HTML document from a Blob URL (the printable "Mes
// données"). Opened while the click's user activation lasts (the next frame);
// when a blocker refuses the window, a link to it is clicked instead.
EM_JS(void, js_open_document, (const char* html), {
    var blob = new Blob([UTF8ToString(html)], {
        type:
            "text/html;charset=utf-8"
    });
    var url = URL.createObjectURL(blob);
    var w = window.open(url, "_blank");
    if (!w) {
        var a = document.createElement("a");
        a.href = url;
        a.target = "_blank";
        a.rel = "noopener";
        a.style.display = "none";
        document.body.appendChild(a);
        a.click();
        a.remove();
    }
    setTimeout(
        function() { URL.revokeObjectURL(url); }, 60000);
});
EM_JS(void, js_download, (const char* name, const char* mime, const char* content), {
    var blob = new Blob([UTF8ToString(content)], {
        type:
            UTF8ToString(mime)
    });
    var url = URL.createObjectURL(blob);
    var a = document.createElement('a');
    a.href = url;
    a.download = UTF8ToString(name);
    a.style.display = 'none';
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(
        function() { URL.revokeObjectURL(url); }, 1000);
});

std::string takeString(char* p) {
    if (!p) return {};
    std::string s(p);
    std::free(p);
    return s;
}

struct FetchContext {
    alin::platform::HttpCallback callback;
    std::string body;
    std::string method;
};

void onFetchDone(emscripten_fetch_t* fetch) {
    std::unique_ptr<FetchContext> ctx(static_cast<FetchContext*>(fetch->userData));
    int status = fetch->status;
    std::string body;
    if (fetch->data && fetch->numBytes > 0) body.assign(fetch->data, static_cast<size_t>(fetch->numBytes));
    emscripten_fetch_close(fetch);
    if (ctx->callback) ctx->callback(status, body);
}

}  // namespace

namespace alin::platform {

void initWeb() {
    js_init();
}

FrameInput pollInput() {
    float v[9] = {};
    js_poll_input(v);
    FrameInput in;
    in.width = v[0];
    in.height = v[1];
    in.pixelRatio = v[2];
    in.mouseX = v[3];
    in.mouseY = v[4];
    in.mouseDown = v[5] != 0.f;
    in.scrollDelta = v[6];
    in.activity = static_cast<unsigned>(v[7]);
    in.forcedColors = v[8] != 0.f;
    return in;
}

ContrastPalette systemColors() {
    unsigned v[5] = {};
    js_system_colors(v);
    ContrastPalette p;
    p.canvas = v[0];
    p.canvasText = v[1];
    p.linkText = v[2];
    p.highlight = v[3];
    p.buttonText = v[4];
    return p;
}

void syncSemantics(const std::string& treeJson) {
    js_sync_semantics(treeJson.c_str());
}

std::vector<SemanticEvent> takeSemanticEvents() {
    std::vector<SemanticEvent> out;
    std::string text = takeString(js_take_events());
    if (text.empty()) return out;
    auto j = nlohmann::json::parse(text, nullptr, false);
    if (!j.is_array()) return out;
    for (const auto& e : j) {
        if (!e.is_object()) continue;
        SemanticEvent ev;
        std::string k = e.value("k", "");
        if (k == "activate")
            ev.kind = SemanticEvent::Kind::Activate;
        else if (k == "input")
            ev.kind = SemanticEvent::Kind::Input;
        else if (k == "toggle")
            ev.kind = SemanticEvent::Kind::Toggle;
        else if (k == "focus")
            ev.kind = SemanticEvent::Kind::Focus;
        else if (k == "blur")
            ev.kind = SemanticEvent::Kind::Blur;
        else if (k == "submit")
            ev.kind = SemanticEvent::Kind::Submit;
        else if (k == "scroll")
            ev.kind = SemanticEvent::Kind::Scroll;
        else if (k == "key")
            ev.kind = SemanticEvent::Kind::Key;
        else
            continue;
        ev.id = e.value("i", "");
        ev.value = e.value("v", "");
        ev.checked = e.value("c", false);
        ev.delta = e.value("d", 0.0f);
        out.push_back(std::move(ev));
    }
    return out;
}

void announce(const std::string& text) {
    js_announce(text.c_str());
}
void logWarning(const std::string& text) {
    emscripten_log(EM_LOG_WARN, "%s", text.c_str());
}
std::string currentRoute() {
    return takeString(js_current_route());
}
void setRoute(const std::string& route, bool replace) {
    js_set_route(route.c_str(), replace ? 1 : 0);
}
void setTitle(const std::string& title) {
    js_set_title(title.c_str());
}
void setDocumentLanguage(const std::string& tag) {
    js_set_lang(tag.c_str());
}

std::optional<std::string> queryParam(const std::string& name) {
    char* p = js_query_param(name.c_str());
    if (!p) return std::nullopt;
    return takeString(p);
}

std::string catalogueUrl(const std::string& tag) {
    return takeString(js_catalogue_url(tag.c_str()));
}

std::optional<std::string> takePreloadedCatalogue(const std::string& tag) {
    char* p = js_take_catalogue(tag.c_str());
    if (!p) return std::nullopt;
    return takeString(p);
}

std::string pageBaseUrl() {
    return takeString(js_page_base());
}

std::optional<std::string> storageGet(const std::string& key) {
    char* p = js_storage_get(key.c_str());
    if (!p) return std::nullopt;
    return takeString(p);
}
void storageSet(const std::string& key, const std::string& value) {
    js_storage_set(key.c_str(), value.c_str());
}
void storageRemove(const std::string& key) {
    js_storage_remove(key.c_str());
}
void openUrl(const std::string& url, bool newTab) {
    js_open_url(url.c_str(), newTab ? 1 : 0);
}
void downloadFile(const std::string& fileName, const std::string& mimeType, const std::string& content) {
    js_download(fileName.c_str(), mimeType.c_str(), content.c_str());
}
void openDocument(const std::string& html) {
    js_open_document(html.c_str());
}
double nowMs() {
    return emscripten_get_now();
}
void kioskSetup() {
    js_kiosk_setup();
}
void kioskWipe() {
    js_kiosk_wipe();
}
void firstFrameDrawn() {
    js_first_frame();
}

void httpRequest(const std::string& method, const std::string& url, const std::string& body, HttpCallback callback,
                 const std::string& acceptLanguage) {
    auto* ctx = new FetchContext{std::move(callback), body, method};
    emscripten_fetch_attr_t attr;
    emscripten_fetch_attr_init(&attr);
    std::strncpy(attr.requestMethod, ctx->method.c_str(), sizeof(attr.requestMethod) - 1);
    attr.attributes = EMSCRIPTEN_FETCH_LOAD_TO_MEMORY;
    // emscripten_fetch copies the headers: a local array is enough.
    const char* headers[] = {"Content-Type",
                             "application/json",
                             "Accept",
                             "application/json",
                             acceptLanguage.empty() ? nullptr : "Accept-Language",
                             acceptLanguage.c_str(),
                             nullptr};
    attr.requestHeaders = headers;
    if (!ctx->body.empty()) {
        // The body must stay alive until the callback: it is owned by ctx.
        attr.requestData = ctx->body.data();
        attr.requestDataSize = ctx->body.size();
    }
    attr.timeoutMSecs = 15000;
    attr.userData = ctx;
    attr.onsuccess = onFetchDone;
    attr.onerror = onFetchDone;
    emscripten_fetch(&attr, url.c_str());
}

}  // namespace alin::platform
