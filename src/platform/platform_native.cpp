#include "platform/platform_native.h"

#include <chrono>
#include <nlohmann/json.hpp>
#include <unordered_map>

namespace alin::platform {

namespace native {
Browser& browser() {
    static Browser b;
    return b;
}
}  // namespace native

using native::browser;

FrameInput pollInput() {
    FrameInput in = browser().input;
    browser().input.scrollDelta = 0;
    return in;
}
// Applies a patch the way shell/alin-shell.js does, keeping the full tree.
void syncSemantics(const std::string& patchJson) {
    using nlohmann::json;
    native::Browser& b = browser();
    b.lastPatch = patchJson;
    ++b.syncs;
    json tree = b.lastTree.empty() ? json::array() : json::parse(b.lastTree);
    json patch = json::parse(patchJson);
    std::vector<std::string> order;
    std::unordered_map<std::string, json> byId;
    for (auto& n : tree) {
        order.push_back(n["i"]);
        byId[n["i"]] = n;
    }
    for (auto& n : patch.value("u", json::array())) {
        std::string id = n["i"];
        if (!byId.count(id)) order.push_back(id);
        byId[id] = n;
    }
    for (auto& id : patch.value("d", json::array())) byId.erase(id.get<std::string>());
    if (patch.contains("o")) {
        order.clear();
        for (auto& id : patch["o"]) order.push_back(id);
    }
    json out = json::array();
    for (auto& id : order)
        if (byId.count(id)) out.push_back(byId[id]);
    b.lastTree = out.dump();
}
std::vector<SemanticEvent> takeSemanticEvents() {
    std::vector<SemanticEvent> out;
    out.swap(browser().pending);
    return out;
}
void announce(const std::string& text) {
    browser().announcements.push_back(text);
}
void logWarning(const std::string& text) {
    browser().warnings.push_back(text);
}
std::string currentRoute() {
    return browser().route;
}
void setRoute(const std::string& route, bool) {
    browser().route = route;
}
void setTitle(const std::string& title) {
    browser().title = title;
}
void setDocumentLanguage(const std::string& tag) {
    browser().documentLanguage = tag;
}
std::optional<std::string> queryParam(const std::string& name) {
    auto it = browser().query.find(name);
    if (it == browser().query.end()) return std::nullopt;
    return it->second;
}
std::string pageBaseUrl() {
    return "http://localhost/";
}
std::string catalogueUrl(const std::string& tag) {
    auto it = browser().catalogueUrls.find(tag);
    return it == browser().catalogueUrls.end() ? std::string() : it->second;
}
std::optional<std::string> takePreloadedCatalogue(const std::string& tag) {
    auto it = browser().preloadedCatalogues.find(tag);
    if (it == browser().preloadedCatalogues.end()) return std::nullopt;
    std::string text = std::move(it->second);
    browser().preloadedCatalogues.erase(it);
    return text;
}
std::optional<std::string> storageGet(const std::string& key) {
    auto it = browser().storage.find(key);
    if (it == browser().storage.end()) return std::nullopt;
    return it->second;
}
void storageSet(const std::string& key, const std::string& value) {
    browser().storage[key] = value;
}
void storageRemove(const std::string& key) {
    browser().storage.erase(key);
}
void openUrl(const std::string& url, bool) {
    browser().opened.push_back(url);
}
void downloadFile(const std::string& fileName, const std::string&, const std::string& content) {
    browser().downloads.push_back({fileName, content});
}
void openDocument(const std::string& html) {
    browser().documents.push_back(html);
}
ContrastPalette systemColors() {
    return {};
}
double nowMs() {
    using namespace std::chrono;
    return duration<double, std::milli>(steady_clock::now().time_since_epoch()).count();
}
void kioskSetup() {}
void kioskWipe() {
    ++browser().kioskWipes;
    browser().storage.clear();
}
void firstFrameDrawn() {
    browser().firstFrame = true;
}
void httpRequest(const std::string& method, const std::string& url, const std::string& body, HttpCallback cb,
                 const std::string& acceptLanguage) {
    browser().acceptLanguages.push_back(acceptLanguage);
    if (browser().http) {
        browser().http(method, url, body, std::move(cb));
    } else {
        cb(0, {});
    }
}

}  // namespace alin::platform
