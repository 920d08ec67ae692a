// Kiosk mode (issue 15 part 2): the QR encoder, the on-screen keyboard's layout
// logic, and the kiosk screens driven through the semantic layer.
#include <doctest/doctest.h>

#include <algorithm>
#include <cfloat>
#include <string>
#include <vector>

#include "client/ui/keyboard_layout.h"
#include "client/ui/kiosk_ui.h"
#include "client/ui/qr_code.h"
#include "ui_harness.h"

using namespace alin;
using alin::test::UiHarness;
namespace osk = alin::ui::osk;
namespace qr = alin::ui::qr;

// "tel:0970800800", 1-M ('#' dark), as drawn by the kiosk: jsQR decodes it back.
static const char* const QR_TEL_VECTOR =
    "#######..#....#######\n"
    "#.....#...#...#.....#\n"
    "#.###.#.#.#.#.#.###.#\n"
    "#.###.#.####..#.###.#\n"
    "#.###.#.#...#.#.###.#\n"
    "#.....#.#.#.#.#.....#\n"
    "#######.#.#.#.#######\n"
    "........#...#........\n"
    "#.#####.....#.#####..\n"
    ".#.##...#.##....###.#\n"
    "##.####.###.#..#.###.\n"
    "..####.#.#..#...###..\n"
    "..#.#.#..##.###....#.\n"
    "........####..#.##.##\n"
    "#######...#.#..#..##.\n"
    "#.....#.##..#.....#.#\n"
    "#.###.#.#.#..#####.##\n"
    "#.###.#.####....#....\n"
    "#.###.#.#.#.#..#.....\n"
    "#.....#.....#..#..#..\n"
    "#######.###.####.#.#.\n";

TEST_CASE("qr: format and version information match the standard's tables") {
    // ISO/IEC 18004 annex C: level M, masks 0 to 7.
    const uint32_t formatM[8] = {0b101010000010010, 0b101000100100101, 0b101111001111100, 0b101101101001011,
                                 0b100010111111001, 0b100000011001110, 0b100111110010111, 0b100101010100000};
    for (int mask = 0; mask < 8; ++mask) CHECK(qr::formatBits(mask) == formatM[mask]);
    // Annex D: versions 7 to 10.
    CHECK(qr::versionBits(7) == 0x07C94);
    CHECK(qr::versionBits(8) == 0x085BC);
    CHECK(qr::versionBits(9) == 0x09A99);
    CHECK(qr::versionBits(10) == 0x0A4D3);
}

TEST_CASE("qr: Reed-Solomon codewords of the standard's 1-M example") {
    // "01234567" in numeric mode, version 1-M (ISO/IEC 18004 annex I).
    std::vector<uint8_t> data = {0x10, 0x20, 0x0C, 0x56, 0x61, 0x80, 0xEC, 0x11,
                                 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11};
    std::vector<uint8_t> ec = {0xA5, 0x24, 0xD4, 0xC1, 0xED, 0x36, 0xC7, 0x87, 0x2C, 0x55};
    CHECK(qr::reedSolomon(data, 10) == ec);
}

namespace {
// The 15 format bits as read back from the symbol (the copy around the top-left finder).
uint32_t readFormat(const qr::Code& c) {
    uint32_t bits = 0;
    auto set = [&](int i, bool dark) {
        if (dark) bits |= 1u << i;
    };
    for (int i = 0; i <= 5; ++i) set(i, c.dark(8, i));
    set(6, c.dark(8, 7));
    set(7, c.dark(8, 8));
    set(8, c.dark(7, 8));
    for (int i = 9; i < 15; ++i) set(i, c.dark(14 - i, 8));
    return bits;
}
}  // namespace

TEST_CASE("qr: byte-mode symbols have their function patterns and format, in the smallest version") {
    auto small = qr::encode("https://example.org");
    REQUIRE(small);
    CHECK(small->version == 2);  // 19 bytes: too many for 1-M (14), fit 2-M (26)
    CHECK(small->size == 25);
    for (auto [x, y] : {std::pair{0, 0}, {small->size - 7, 0}, {0, small->size - 7}}) {
        CHECK(small->dark(x, y));  // finder corners
        CHECK(small->dark(x + 6, y + 6));
        CHECK_FALSE(small->dark(x + 1, y + 1));
        CHECK(small->dark(x + 3, y + 3));
    }
    for (int i = 8; i < small->size - 8; ++i) CHECK(small->dark(i, 6) == (i % 2 == 0));  // timing
    CHECK(small->dark(8, small->size - 8));                                              // the dark module
    CHECK(readFormat(*small) == qr::formatBits(small->mask));
    // The chosen mask has the lowest penalty of the eight (the standard's selection).
    CHECK(qr::penalty(*small) > 0);

    auto site = qr::encode("https://www.demande-logement-social.gouv.fr/index");
    REQUIRE(site);
    CHECK(site->version == 4);  // 49 bytes: 3-M holds 42, 4-M 62
    auto big = qr::encode(std::string(200, 'a'));
    REQUIRE(big);
    CHECK(big->version == 10);
    CHECK(big->size == 57);
    CHECK_FALSE(qr::encode(std::string(214, 'a')));  // past 10-M (213 bytes)
}

TEST_CASE("qr: the module matrix of a short address (decoded by jsQR)") {
    // Regression vector: this matrix decodes to the text with jsQR (tests/e2e decodes the drawn one).
    auto c = qr::encode("tel:0970800800");
    REQUIRE(c);
    std::string rows;
    for (int y = 0; y < c->size; ++y) {
        for (int x = 0; x < c->size; ++x) rows += c->dark(x, y) ? '#' : '.';
        rows += '\n';
    }
    CHECK(c->version == 1);
    CHECK(rows == QR_TEL_VECTOR);
}

TEST_CASE("kiosk keyboard: every key is at least 44 x 44 px and inside the screen, without overlap") {
    for (osk::Layer layer : {osk::Layer::Letters, osk::Layer::Symbols, osk::Layer::Digits, osk::Layer::MultiLine})
        for (float width : {320.f, 375.f, 768.f, 1080.f}) {
            osk::Placement p = osk::place(layer, width);
            size_t count = 0;
            for (const auto& row : osk::rows(layer)) count += row.size();
            CHECK(p.keys.size() == count);
            for (size_t i = 0; i < p.keys.size(); ++i) {
                const auto& k = p.keys[i];
                CHECK(k.w >= osk::kMinKey);
                CHECK(k.h >= osk::kMinKey);
                CHECK(k.x >= 0.f);
                CHECK(k.x + k.w <= width);
                CHECK(k.y + k.h <= p.height);
                for (size_t j = 0; j < i; ++j) {
                    const auto& o = p.keys[j];
                    bool apart = k.x >= o.x + o.w || o.x >= k.x + k.w || k.y >= o.y + o.h || o.y >= k.y + k.h;
                    CHECK(apart);
                }
            }
        }
    // A portrait kiosk keeps the AZERTY rows whole (five rows); a phone splits them.
    CHECK(osk::place(osk::Layer::Letters, 1080.f).height < 400.f);
    CHECK(osk::place(osk::Layer::Letters, 375.f).keys[5].y > osk::place(osk::Layer::Letters, 375.f).keys[0].y);
}

TEST_CASE("kiosk keyboard: names, shift, accents, backspace and the layer of a field") {
    const osk::Key* e = osk::find(osk::Layer::Letters, "eacute");
    REQUIRE(e);
    CHECK(osk::name(*e, false) == "e accent aigu");
    CHECK(osk::name(*e, true) == "E accent aigu");
    CHECK(osk::label(*e, true) == "É");
    CHECK(osk::apply(*e, false, "caf") == "café");
    const osk::Key* back = osk::find(osk::Layer::Letters, "backspace");
    REQUIRE(back);
    CHECK(osk::name(*back, false) == "Effacer");
    CHECK(osk::apply(*back, false, "café") == "caf");  // the whole two-byte é
    CHECK(osk::apply(*back, false, "") == "");
    CHECK(osk::name(*osk::find(osk::Layer::Letters, "shift"), false) == "Majuscule");
    CHECK(osk::apply(*osk::find(osk::Layer::Letters, "a"), true, "") == "A");
    CHECK(osk::name(*osk::find(osk::Layer::Letters, "at"), false) == "arobase");
    for (const char* id : {"egrave", "ecirc", "agrave", "ccedil", "ugrave", "ocirc", "icirc", "iuml", "euml", "at",
                           "dot", "dash", "apostrophe", "space", "shift", "symbols"})
        CHECK_MESSAGE(osk::find(osk::Layer::Letters, id), id);
    for (const char* id : {"0", "1", "9", "backspace", "letters", "close"})
        CHECK_MESSAGE(osk::find(osk::Layer::Digits, id), id);
    CHECK(osk::layerFor("tel", false) == osk::Layer::Digits);
    CHECK(osk::layerFor("text", true) == osk::Layer::Digits);
    CHECK(osk::layerFor("email", false) == osk::Layer::Letters);
    CHECK(osk::layerFor("password", false) == osk::Layer::Letters);
    // A multi-line field: its letters have a key that types a new line (the others have none).
    CHECK(osk::layerFor("textarea", false) == osk::Layer::MultiLine);
    REQUIRE(osk::find(osk::Layer::MultiLine, "newline"));
    CHECK(osk::find(osk::Layer::Letters, "newline") == nullptr);
    CHECK(osk::name(*osk::find(osk::Layer::MultiLine, "newline"), false) == "Retour à la ligne");
    CHECK(osk::apply(*osk::find(osk::Layer::MultiLine, "newline"), false, "Bonjour,") == "Bonjour,\n");
    CHECK(osk::find(osk::Layer::MultiLine, "eacute"));
}

namespace {
nlohmann::json node(const UiHarness& ui, const std::string& id) {
    for (const auto& n : ui.tree())
        if (n.value("i", "") == id) return n;
    return nullptr;
}
void key(UiHarness& ui, const std::string& id) {
    ui.event(platform::SemanticEvent::Kind::Activate, "osk." + id);
    ui.frames(1);
}
}  // namespace

TEST_CASE("kiosk: home, on-screen keyboard typing into the DOM field, QR code, then the wipe") {
    UiHarness ui(true, 1080, 1920);  // demo mode, portrait kiosk
    ui.app->state().kiosk = true;
    ui.frames(2);
    CHECK(ui.has("heading", "Borne en libre-service AL'in"));
    CHECK(ui.has("button", "Terminer ma session"));
    ui.click("button", "Commencer");
    CHECK(ui.route() == "/connexion");
    CHECK(ui.has("button", "Terminer ma session"));        // on every screen
    CHECK(node(ui, "login.email").value("ac", "") == "");  // no autofill on a shared terminal
    for (const auto& n : ui.tree()) {                      // touch targets of at least 44 x 44 px
        std::string role = n.value("r", "");
        if (role == "button" || role == "link" || role == "textbox" || role == "password" || role == "checkbox") {
            CHECK_MESSAGE(n.value("h", 0.f) >= 44.f, n.value("i", ""));
            CHECK_MESSAGE(n.value("w", 0.f) >= 44.f, n.value("i", ""));
        }
    }

    float contentH = node(ui, "content").value("h", 0.f);
    ui.event(platform::SemanticEvent::Kind::Focus, "login.email");
    ui.frames(2);
    REQUIRE(ui.has("group", "Clavier à l'écran"));
    CHECK(node(ui, "content").value("h", 0.f) < contentH);  // the content shrinks above the keyboard
    float keyboardTop = node(ui, "osk").value("y", 0.f);
    auto field = node(ui, "login.email");
    CHECK(field.value("y", 0.f) + field.value("h", 0.f) <= keyboardTop);  // never covered
    CHECK(ui.has("button", "e accent aigu"));

    for (const char* k : {"shift", "z", "o", "eacute", "at", "a", "dot", "f", "r"}) key(ui, k);
    CHECK(ui.app->state().login.email == "Zoé@a.fr");
    CHECK(node(ui, "login.email").value("v", "") == "Zoé@a.fr");  // the DOM input's value
    key(ui, "backspace");
    CHECK(ui.app->state().login.email == "Zoé@a.f");

    // A password field: letters, then the digits layer.
    ui.event(platform::SemanticEvent::Kind::Blur, "login.email");
    ui.event(platform::SemanticEvent::Kind::Focus, "login.password");
    ui.frames(2);
    for (const char* k : {"shift", "m", "symbols", "7", "letters", "p"}) key(ui, k);
    CHECK(ui.app->state().login.password == "M7p");
    key(ui, "close");
    CHECK_FALSE(ui.has("group", "Clavier à l'écran"));
    ui.frames(2);
    CHECK_FALSE(ui.has("group", "Clavier à l'écran"));  // the focus given back does not reopen it

    // Nothing leaves the kiosk: an external address becomes a QR code.
    ui.app->state().openExternal = "https://www.demande-logement-social.gouv.fr";
    ui.frames(3);
    CHECK(ui.has("dialog", "À ouvrir sur votre téléphone"));
    CHECK(ui.has("text", "Code QR de l'adresse https://www.demande-logement-social.gouv.fr"));
    CHECK(platform::native::browser().opened.empty());
    ui.click("button", "Fermer");
    CHECK_FALSE(ui.has("dialog", "À ouvrir sur votre téléphone"));

    ui.click("button", "Terminer ma session");
    ui.frames(3);
    CHECK(ui.route() == "/");
    CHECK(ui.app->state().login.email.empty());
    CHECK(ui.app->state().login.password.empty());
    CHECK(platform::native::browser().kioskWipes == 1);
    CHECK(ui.has("heading", "Borne en libre-service AL'in"));
    CHECK(ui.has("status", "Session terminée"));
    CHECK(ui.dump().find("Zo") == std::string::npos);
}

namespace {
// Frames, each followed by the font rebuild the web platform does between
// frames when the text scale changed (src/platform/main_web.cpp).
void framesWithFonts(UiHarness& ui, int n) {
    for (int i = 0; i < n; ++i) {
        ui.frames(1);
        ui::loadFonts(1.f);
        unsigned char* pixels;
        int w, h;
        ImGui::GetIO().Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    }
}

// A tap on the canvas (not through the DOM): ImGui gives it to the window drawn in front.
void tapCanvas(UiHarness& ui, float x, float y) {
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = ImVec2(x, y);
    ui.frames(1);
    io.MouseDown[0] = true;
    ui.frames(1);

    io.MouseDown[0] = false;
    ui.frames(2);
    io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
}
}  // namespace

TEST_CASE("kiosk: a field inside a dialog opens the keyboard in front of it, above the field, inside its focus trap") {
    UiHarness ui(true, 1080, 1920, true);
    ui.app->state().kiosk = true;
    framesWithFonts(ui, 2);
    ui.login("anne.porte@example.fr", "Logement2026");
    ui.go("/mes-donnees");
    ui.frames(5);
    ui.click("button", "Supprimer mon compte");
    REQUIRE(ui.has("alertdialog", "Supprimer d\u00E9finitivement mon compte"));
    // A dialog is a top-level node: its mirror is placed on the page, never clipped
    // by the scrolled content that shrinks above the keyboard.
    CHECK(node(ui, "mydata.deleteDialog").value("p", "") == "");
    const float dialogBottom = node(ui, "mydata.deleteKeep").value("y", 0.f);

    ui.event(platform::SemanticEvent::Kind::Focus, "mydata.password");
    ui.frames(2);
    REQUIRE(ui.has("group", "Clavier \u00E0 l'\u00E9cran"));
    auto keyboard = node(ui, "osk");
    // Inside the dialog: the keys are buttons that its focus trap (Tab, Shift+Tab)
    // and aria-modal reach; the dialog's mirror box holds them.
    CHECK(keyboard.value("p", "") == "mydata.deleteDialog");
    auto dialog = node(ui, "mydata.deleteDialog");
    CHECK(dialog.value("y", 0.f) + dialog.value("h", 0.f) >= keyboard.value("y", 0.f) + keyboard.value("h", 0.f));
    size_t keys = 0;
    for (const auto& n : ui.tree())
        if (n.value("p", "") == "osk") {
            ++keys;
            CHECK(n.value("r", "") == "button");
        }
    CHECK(keys > 30);
    // The dialog moved above the keyboard: the field and every button of the dialog stay uncovered.
    const float keyboardTop = keyboard.value("y", 0.f);
    for (const char* id : {"mydata.password", "mydata.deleteConfirm", "mydata.deleteKeep"}) {
        auto n = node(ui, id);
        CHECK_MESSAGE(n.value("y", 0.f) + n.value("h", 0.f) <= keyboardTop, id);
        CHECK_MESSAGE(n.value("y", 0.f) >= 0.f, id);
    }
    CHECK(node(ui, "mydata.deleteKeep").value("y", 0.f) < dialogBottom);

    for (const char* k : {"shift", "l", "o"}) key(ui, k);
    CHECK(ui.app->state().myData.password == "Lo");
    CHECK(node(ui, "mydata.password").value("v", "") == "Lo");
    // The keyboard is drawn in front of the dialog: a tap on the canvas reaches its key.
    auto g = node(ui, "osk.g");
    REQUIRE_FALSE(g.is_null());
    tapCanvas(ui, g.value("x", 0.f) + g.value("w", 0.f) * 0.5f, g.value("y", 0.f) + g.value("h", 0.f) * 0.5f);
    CHECK(ui.app->state().myData.password == "Log");

    // Focus leaving the fields for a button of the dialog closes the keyboard; the dialog comes back.
    ui.event(platform::SemanticEvent::Kind::Blur, "mydata.password");
    ui.event(platform::SemanticEvent::Kind::Focus, "mydata.deleteKeep");
    ui.frames(2);
    CHECK_FALSE(ui.has("group", "Clavier \u00E0 l'\u00E9cran"));
    CHECK(node(ui, "mydata.deleteKeep").value("y", 0.f) == doctest::Approx(dialogBottom));
    ui.click("button", "Annuler");
    CHECK_FALSE(ui.has("alertdialog", "Supprimer d\u00E9finitivement mon compte"));
}

TEST_CASE("kiosk: the e-mailed security code in a dialog is typed on the numeric pad") {
    UiHarness ui(true, 1080, 1920, true);
    ui.app->state().kiosk = true;
    framesWithFonts(ui, 2);
    ui.login("anne.porte@example.fr", "Logement2026");
    ui.go("/tableau-de-bord");
    ui.frames(5);
    auto& r = ui.app->state().request;
    r.legacyDialog = true;
    r.legacyCodeSent = true;
    ui.frames(3);
    REQUIRE_MESSAGE(ui.has("dialog", "Confirmer votre identit\u00E9"), ui.dump());
    ui.event(platform::SemanticEvent::Kind::Focus, "file.legacyCode");
    ui.frames(2);
    REQUIRE(ui.has("group", "Clavier \u00E0 l'\u00E9cran"));
    CHECK(node(ui, "osk").value("p", "") == "file.legacyDialog");
    CHECK_FALSE(node(ui, "osk.0").is_null());  // the numeric pad
    CHECK(node(ui, "osk.a").is_null());
    auto field = node(ui, "file.legacyCode");
    CHECK(field.value("y", 0.f) + field.value("h", 0.f) <= node(ui, "osk").value("y", 0.f));
    for (const char* k : {"4", "0", "2"}) key(ui, k);
    CHECK(r.legacyCode == "402");
    CHECK(node(ui, "file.legacyCode").value("v", "") == "402");
}

TEST_CASE("kiosk: larger text (1.25x) on a kiosk screen, touch targets of 44 x 44 px, nothing past 1080 px") {
    UiHarness ui(true, 1080, 1920, true);
    const float bodyLine = ui::fonts().body->FontSize;
    CHECK(bodyLine == doctest::Approx(24.f));
    ui.app->state().kiosk = true;
    framesWithFonts(ui, 3);
    CHECK(ui::fonts().body->FontSize == doctest::Approx(30.f));  // 20 px text on 30 px lines
    CHECK(ui::fonts().small->FontSize >= 30.f);
    auto checkScreen = [&](const char* label) {
        for (const auto& n : ui.tree()) {
            std::string role = n.value("r", ""), id = n.value("i", "");
            if (role == "button" || role == "link" || role == "textbox" || role == "password" || role == "checkbox" ||
                role == "radio" || role == "combobox") {
                if (id == "header.skip") continue;  // drawn only while focused
                CHECK_MESSAGE(n.value("h", 0.f) >= 44.f, label, " ", id);
                CHECK_MESSAGE(n.value("w", 0.f) >= 44.f, label, " ", id);
            }
            CHECK_MESSAGE(n.value("x", 0.f) + n.value("w", 0.f) <= 1080.5f, label, " ", id);
        }
        // The header's badges end before its buttons start (one line, nothing overlapping).
        float leftEnd = 0.f, buttonsStart = 1080.f;
        for (const auto& n : ui.tree()) {
            if (n.value("p", "") != "header" || n.value("i", "") == "header.skip") continue;
            float x = n.value("x", 0.f), right = x + n.value("w", 0.f);
            if (n.value("r", "") == "button")
                buttonsStart = std::min(buttonsStart, x);
            else
                leftEnd = std::max(leftEnd, right);
            CHECK_MESSAGE(n.value("y", 0.f) + n.value("h", 0.f) <= 64.5f, label, " ", n.value("i", ""));
        }
        CHECK_MESSAGE(leftEnd <= buttonsStart, label, " ", leftEnd, " > ", buttonsStart);
    };
    checkScreen("home");
    ui.click("button", "Commencer");
    checkScreen("login");
    ui.login("anne.porte@example.fr", "Logement2026");
    ui.frames(5);
    checkScreen("dashboard");
    ui.go("/offres");
    ui.frames(5);
    checkScreen("offers");
    // A kiosk page at a phone's width keeps the phone's sizes (no room for larger text).
    platform::native::browser().input.width = 375;
    framesWithFonts(ui, 3);
    CHECK(ui::fonts().body->FontSize == doctest::Approx(bodyLine));
    platform::native::browser().input.width = 1080;
    framesWithFonts(ui, 3);
    CHECK(ui::fonts().body->FontSize == doctest::Approx(30.f));
    ui.app->state().kiosk = false;
    framesWithFonts(ui, 3);
    CHECK(ui::fonts().body->FontSize == doctest::Approx(bodyLine));
}

TEST_CASE("kiosk: the on-screen keyboard types into the contact message, new lines included") {
    UiHarness ui(true, 1080, 1920, true);
    ui.login("anne.porte@example.fr", "Logement2026");
    REQUIRE(ui.app->state().user);
    ui.app->state().kiosk = true;
    ui.go("/mes-messages");
    ui.frames(6);
    REQUIRE_MESSAGE(!node(ui, "contact.message").is_null(), ui.dump());
    CHECK(node(ui, "contact.message").value("h", 0.f) >= 44.f);
    ui.event(platform::SemanticEvent::Kind::Focus, "contact.message");
    ui.frames(2);
    REQUIRE(ui.has("group", "Clavier à l'écran"));
    REQUIRE(ui.has("button", "Retour à la ligne"));
    for (const char* k : {"shift", "o", "u", "i", "newline", "m", "e", "r", "c", "i"}) key(ui, k);
    CHECK(ui.app->state().contact.message == "Oui\nmerci");
    CHECK(node(ui, "contact.message").value("v", "") == "Oui\nmerci");  // the DOM <textarea>'s value
    // Through the symbols and back: the letters keep their new-line key.
    for (const char* k : {"symbols", "question", "letters", "newline"}) key(ui, k);
    CHECK(ui.app->state().contact.message == "Oui\nmerci?\n");
    key(ui, "close");
    ui.app->state().kiosk = false;
    ui.frames(2);
}
