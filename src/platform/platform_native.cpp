#include "platform/platform_native.h"

#include <chrono>

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
void syncSemantics(const std::string& treeJson) {
    browser().lastTree = treeJson;
    ++browser().syncs;
}
std::vector<SemanticEvent> takeSemanticEvents() {
    std::vector<SemanticEvent> out;
    out.swap(browser().pending);
    return out;
}
void announce(const std::string& text) { browser().announcements.push_back(text); }
std::string currentRoute() { return browser().route; }
void setRoute(const std::string& route, bool) { browser().route = route; }
void setTitle(const std::string&) {}
std::optional<std::string> queryParam(const std::string& name) {
    auto it = browser().query.find(name);
    if (it == browser().query.end()) return std::nullopt;
    return it->second;
}
std::string pageBaseUrl() { return "http://localhost/"; }
std::optional<std::string> storageGet(const std::string& key) {
    auto it = browser().storage.find(key);
    if (it == browser().storage.end()) return std::nullopt;
    return it->second;
}
void storageSet(const std::string& key, const std::string& value) { browser().storage[key] = value; }
void storageRemove(const std::string& key) { browser().storage.erase(key); }
void openUrl(const std::string& url, bool) { browser().opened.push_back(url); }
double nowMs() {
    using namespace std::chrono;
    return duration<double, std::milli>(steady_clock::now().time_since_epoch()).count();
}
void firstFrameDrawn() { browser().firstFrame = true; }
void httpRequest(const std::string& method, const std::string& url, const std::string& body, HttpCallback cb) {
    if (browser().http) {
        browser().http(method, url, body, std::move(cb));
    } else {
        cb(0, {});
    }
}

}  // namespace alin::platform
