// Native platform used by the UI tests and benchmarks: an in-memory browser.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "platform/platform.h"

namespace alin::platform::native {

struct Browser {
    std::string route = "/";
    std::map<std::string, std::string> query;
    std::map<std::string, std::string> storage;
    std::vector<SemanticEvent> pending;
    std::string lastTree;  // the full mirrored tree (JSON array), rebuilt from patches
    std::string lastPatch;
    std::vector<std::string> announcements;
    std::vector<std::string> warnings;  // logWarning lines
    std::vector<std::string> opened;
    std::vector<std::pair<std::string, std::string>> downloads;  // downloadFile: name, content
    std::vector<std::string> documents;                          // openDocument: the HTML of each
    FrameInput input;
    size_t syncs = 0;
    bool firstFrame = false;
    int kioskWipes = 0;                        // kioskWipe() calls
    std::string title;                         // document.title
    std::string documentLanguage = "fr";       // <html lang>
    std::vector<std::string> acceptLanguages;  // the Accept-Language of each HTTP request ("" = none)
    // Catalogue files (platform::catalogueUrl): tag -> URL, and the one the loader
    // fetched with the wasm (takePreloadedCatalogue), by tag.
    std::map<std::string, std::string> catalogueUrls = {{"en", "alin-en.json"}};
    std::map<std::string, std::string> preloadedCatalogues;
    // HTTP is answered by this hook (tests plug a server or a fake in).
    std::function<void(const std::string& method, const std::string& url, const std::string& body, HttpCallback cb)>
        http;
};

Browser& browser();

}  // namespace alin::platform::native
