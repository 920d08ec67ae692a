// Everything browser-specific sits behind this interface: the web
// implementation (platform_web.cpp, EM_JS + shell/*.js) and a native one
// (platform_native.cpp) so the UI builds and runs natively for tests.
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace alin::platform {

// An event raised by the semantic DOM layer (shell/alin-shell.js).
struct SemanticEvent {
    enum class Kind { Activate, Input, Toggle, Focus, Blur, Submit, Scroll, Key };
    Kind kind = Kind::Activate;
    std::string id;
    std::string value;     // Input: the new text; Key: "ArrowDown", "ArrowUp", "Escape"
    bool checked = false;  // Toggle: the new state
    float delta = 0.f;     // Scroll: CSS pixels (positive = content moves up)
};

// Pointer and viewport state, polled once per frame.
struct FrameInput {
    float width = 1280, height = 800;  // CSS pixels
    float pixelRatio = 1;              // devicePixelRatio
    float mouseX = -1, mouseY = -1;    // CSS pixels, -1 when outside
    bool mouseDown = false;            // primary button pressed on the canvas itself
    float scrollDelta = 0;             // wheel / touch drag, CSS pixels
    // Counts real user input (pointer, key, wheel, text input; not focus or blur):
    // a change means the user did something (kiosk inactivity timer).
    unsigned activity = 0;
    bool forcedColors = false;  // forced-colors: active (Windows contrast themes)
};

// The system colours of forced-colors mode (0xRRGGBB): the canvas is drawn with
// them so it matches the rest of the user's contrast theme.
struct ContrastPalette {
    unsigned canvas = 0x000000, canvasText = 0xFFFFFF, linkText = 0xFFFF00, highlight = 0x1AEBFF, buttonText = 0xFFFFFF;
};
ContrastPalette systemColors();

FrameInput pollInput();

// Semantic layer: replace the mirrored tree (JSON array of nodes) and take
// the events raised since the last call.
void syncSemantics(const std::string& treeJson);
std::vector<SemanticEvent> takeSemanticEvents();
// Polite live-region announcement ("Page Connexion", "Message envoyé").
void announce(const std::string& text);
// A diagnostic line for developers (browser console / stderr), never user-facing.
void logWarning(const std::string& text);

// Routing: the URL fragment without '#', e.g. "/connexion".
std::string currentRoute();
void setRoute(const std::string& route, bool replace);
void setTitle(const std::string& title);
// The page's language: <html lang> ("fr", "en"), so screen readers and the
// browser's own texts follow a switch of language.
void setDocumentLanguage(const std::string& tag);

// A language's catalogue file ("en": its content-hashed name, alin-en.<hash>.json,
// which index.html gives), fetched with httpRequest when that language is chosen.
std::string catalogueUrl(const std::string& tag);
// The catalogue the loader fetched alongside the wasm, for a page that starts in
// that language (chosen on an earlier visit); given once, nullopt otherwise.
std::optional<std::string> takePreloadedCatalogue(const std::string& tag);

// Query string parameter of the page URL ("demo", "kiosk").
std::optional<std::string> queryParam(const std::string& name);
// The page's own URL without fragment (base for links in demo e-mails).
std::string pageBaseUrl();

// Persistent key/value storage (localStorage); session storage for kiosks.
std::optional<std::string> storageGet(const std::string& key);
void storageSet(const std::string& key, const std::string& value);
void storageRemove(const std::string& key);

void openUrl(const std::string& url, bool newTab);
// Saves `content` as a file the user downloads ("Mes données": the JSON export);
// in the browser a Blob and a temporary link.
void downloadFile(const std::string& fileName, const std::string& mimeType, const std::string& content);
// Opens an HTML document in a new tab ("Mes données": the printable version);
// in the browser a Blob URL (no script runs in it: it holds none).
void openDocument(const std::string& html);

// Kiosk mode (shared terminals). kioskSetup: no system keyboard on the text
// fields (the app draws its own), its keys never take focus from the field.
// kioskWipe: clears what the browser itself may keep of a session (web storage,
// IndexedDB, the cookies scripts can reach, the fields' DOM values, the live region).
void kioskSetup();
void kioskWipe();
double nowMs();
void firstFrameDrawn();

// Asynchronous HTTP; the callback runs on the main thread in a later frame.
// status 0 = network failure or timeout. acceptLanguage, when given, is sent as
// the Accept-Language header (the service words its messages in that language).
using HttpCallback = std::function<void(int status, const std::string& body)>;
void httpRequest(const std::string& method, const std::string& url, const std::string& body, HttpCallback callback,
                 const std::string& acceptLanguage = {});

}  // namespace alin::platform
