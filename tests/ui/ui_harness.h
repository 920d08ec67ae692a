// Runs the real client headless (ImGui without a renderer) on the native
// platform, and drives it through the semantic tree like the browser layer.
#pragma once
#include <algorithm>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "client/app.h"
#include "client/ui/semantics.h"
#include "client/ui/theme.h"
#include "imgui.h"
#include "platform/platform_native.h"

namespace alin::test {

class UiHarness {
public:
    // withData: the demo's reference data (geography, ceilings, sites, typologies) is
    // served from the source tree, as the web build serves data/.
    // beforeApp: runs once the fake browser is reset, before the app starts (e.g. to plug an HTTP hook in).
    explicit UiHarness(bool demo = true, float width = 1280, float height = 800, bool withData = false,
                       const std::function<void(platform::native::Browser&)>& beforeApp = {}) {
        auto& b = platform::native::browser();
        b = platform::native::Browser{};
        if (withData) b.http = serveSourceData;
        b.storage.emplace("alin-tuto-off", "1");  // no first-connection tutorial (tests/ui/test_pages.cpp removes it)
        if (beforeApp) beforeApp(b);
        ui::semantics() = ui::Semantics{};
        b.input.width = width;
        b.input.height = height;
        ImGui::CreateContext();
        ImGui::GetIO().IniFilename = nullptr;
        ui::applyTheme();
        ui::loadFonts(1.f);
        unsigned char* pixels;
        int w, h;
        ImGui::GetIO().Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
        client::AppOptions o;
        o.demo = demo;
        o.pageBase = "http://localhost/";
        app = new client::App(o);
        frames(2);
    }
    ~UiHarness() {
        delete app;
        ImGui::DestroyContext();
    }

    void frame() {
        auto& b = platform::native::browser();
        ImGuiIO& io = ImGui::GetIO();
        io.DisplaySize = ImVec2(b.input.width, b.input.height);
        io.DeltaTime = 1.f / 60.f;
        app->runFrame(platform::takeSemanticEvents(), platform::pollInput().scrollDelta);
        ImGui::Render();
    }
    void frames(int n) {
        for (int i = 0; i < n; ++i) frame();
    }

    nlohmann::json tree() const { return nlohmann::json::parse(platform::native::browser().lastTree); }
    // First node with this role whose name contains `name`; null if none.
    nlohmann::json find(const std::string& role, const std::string& name) const {
        for (const auto& n : tree())
            if (n.value("r", "") == role && n.value("n", "").find(name) != std::string::npos) return n;
        return nullptr;
    }
    bool has(const std::string& role, const std::string& name) const { return !find(role, name).is_null(); }

    void event(platform::SemanticEvent::Kind kind, const std::string& id, const std::string& value = {},
               bool checked = false) {
        platform::SemanticEvent e;
        e.kind = kind;
        e.id = id;
        e.value = value;
        e.checked = checked;
        platform::native::browser().pending.push_back(e);
    }
    void click(const std::string& role, const std::string& name) {
        auto n = find(role, name);
        if (n.is_null()) throw std::runtime_error("no " + role + " named " + name);
        event(platform::SemanticEvent::Kind::Activate, n["i"]);
        frames(3);
    }
    void fill(const std::string& id, const std::string& value) {
        event(platform::SemanticEvent::Kind::Input, id, value);
        frames(1);
    }
    std::string route() const { return platform::native::browser().route; }

    // Opens a route as if typed in the address bar.
    void go(const std::string& route) {
        platform::native::browser().route = route;
        frames(3);
    }
    // Logs in through the login screen (demo accounts); waits for the reply.
    void login(const std::string& email, const std::string& password) {
        go("/connexion");
        fill("login.email", email);
        fill("login.password", password);
        click("button", "JE ME CONNECTE");
        frames(10);
    }
    // All visible texts of the tree, top to bottom (their accessible names).
    std::vector<std::string> texts(const std::string& role = "text") const {
        std::vector<std::pair<int, std::string>> v;
        for (const auto& n : tree())
            if (n.value("r", "") == role) v.emplace_back(n.value("y", 0), n.value("n", ""));
        std::stable_sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
        std::vector<std::string> out;
        for (auto& p : v) out.push_back(p.second);
        return out;
    }
    // Index of the first text containing `part`, or -1.
    int indexOf(const std::vector<std::string>& list, const std::string& part) const {
        for (size_t i = 0; i < list.size(); ++i)
            if (list[i].find(part) != std::string::npos) return static_cast<int>(i);
        return -1;
    }
    // The whole tree as one string (for "nowhere on the screen" checks).
    std::string dump() const { return platform::native::browser().lastTree; }

    static void serveSourceData(const std::string&, const std::string& url, const std::string&,
                                platform::HttpCallback cb) {
        std::string path;
        if (url == "data/geo.bin")
            path = ALIN_TEST_SOURCE_DIR "/build-assets/geo/geo.bin";
        else if (url.rfind("data/", 0) == 0)
            path = ALIN_TEST_SOURCE_DIR "/assets/" + url;
        std::ifstream in(path, std::ios::binary);
        if (path.empty() || !in) return cb(404, {});
        std::ostringstream ss;
        ss << in.rdbuf();
        cb(200, ss.str());
    }

    client::App* app = nullptr;
};

}  // namespace alin::test
