#include "client/ui/kiosk_ui.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <vector>

#include "client/ui/font_scale.h"
#include "client/ui/keyboard_layout.h"
#include "client/ui/qr_code.h"
#include "client/ui/widgets.h"
#include "client/ui/widgets_internal.h"
#include "i18n/catalog.h"
#include "imgui_internal.h"

namespace alin::ui::kiosk {

namespace {

constexpr float kTextScale = 1.25f;          // body text of 20 px instead of 16
constexpr float kTextScaleMinWidth = 600.f;  // kiosk screens; a phone-width page keeps its sizes

struct FieldInfo {
    std::string inputType;
    bool digitPad = false;
    std::string value;
};

struct KeyboardState {
    bool enabled = false;
    bool open = false;
    bool shift = false;
    // Closed by its key: the focus given back to the field does not reopen it.
    bool reopenBlocked = false;
    bool held = false;  // a key pressed on the canvas, not yet released
    osk::Layer layer = osk::Layer::Letters;
    std::string target, reveal, external;
    std::string dialog;  // the dialog drawn this frame, if any (kiosk::noteDialog)
    uint32_t focusSeen = 0;
    std::map<std::string, FieldInfo, std::less<>> fields, lastFields;
    std::vector<std::string> pressed;  // keys clicked on the canvas last frame
};

KeyboardState& st() {
    static KeyboardState s;
    return s;
}

void openFor(const std::string& id) {
    KeyboardState& s = st();
    auto it = s.lastFields.find(id);
    if (!s.open || s.target != id) {
        s.layer = osk::layerFor(it->second.inputType, it->second.digitPad);
        s.shift = false;
    }
    s.open = true;
    s.target = id;
    s.reveal = id;
}

void press(const osk::Key& key, std::string& value) {
    KeyboardState& s = st();
    Semantics& sem = semantics();
    switch (key.action) {
        case osk::Action::Text:
        case osk::Action::Space:
        case osk::Action::NewLine:  // only on the layer of a multi-line field
        case osk::Action::Backspace:
            value = osk::apply(key, s.shift, std::move(value));
            sem.injectInput(s.target, value);
            sem.bumpValue(s.target);
            if (key.action == osk::Action::Text) s.shift = false;  // one capital, as on phones
            break;
        case osk::Action::Shift:
            s.shift = !s.shift;
            break;
        case osk::Action::ToSymbols: {
            auto it = s.lastFields.find(s.target);
            bool digits = it != s.lastFields.end() &&
                          osk::layerFor(it->second.inputType, it->second.digitPad) == osk::Layer::Digits;
            s.layer = digits ? osk::Layer::Digits : osk::Layer::Symbols;
            s.reveal = s.target;
            break;
        }
        case osk::Action::ToDigits:
            s.layer = osk::Layer::Digits;
            s.reveal = s.target;
            break;
        case osk::Action::ToLetters: {
            // Back to the letters of this field (with the new-line key in a multi-line one).
            auto it = s.lastFields.find(s.target);
            s.layer = it != s.lastFields.end() && it->second.inputType == "textarea" ? osk::Layer::MultiLine
                                                                                     : osk::Layer::Letters;
            s.reveal = s.target;
            break;
        }
        case osk::Action::Close:
            s.open = false;
            s.reopenBlocked = true;
            sem.requestFocus(s.target);
            break;
    }
}

}  // namespace

void setEnabled(bool on) {
    st().enabled = on;
}
bool enabled() {
    return st().enabled;
}
float minTarget(float normal) {
    return st().enabled ? std::max(normal, osk::kMinKey) : normal;
}

void noteDialog(std::string_view id) {
    st().dialog.assign(id);
}

void noteField(std::string_view id, std::string_view inputType, bool digitPad, const std::string& value) {
    FieldInfo& f = st().fields[std::string(id)];
    f.inputType.assign(inputType);
    f.digitPad = digitPad;
    f.value = value;
}

bool takeReveal(std::string_view id) {
    KeyboardState& s = st();
    if (s.reveal.empty() || s.reveal != id) return false;
    s.reveal.clear();
    return true;
}

void beginFrame() {
    KeyboardState& s = st();
    s.lastFields.swap(s.fields);
    s.fields.clear();
    s.dialog.clear();
    // Larger text on a kiosk screen (not at a phone's width: no room for it there).
    setTextScale(s.enabled && ImGui::GetIO().DisplaySize.x >= kTextScaleMinWidth ? kTextScale : 1.f);
    if (!s.enabled) return;
    Semantics& sem = semantics();
    const std::string& focused = sem.focusedId();
    bool onField = s.lastFields.count(focused) > 0;
    if (sem.focusEvents() != s.focusSeen) {
        s.focusSeen = sem.focusEvents();
        if (onField) {
            if (s.reopenBlocked && focused == s.target && !s.open) {
                s.reopenBlocked = false;  // the focus given back by the close key
            } else {
                s.reopenBlocked = false;
                openFor(focused);
            }
        } else if (focused.rfind("osk.", 0) != 0) {
            s.open = false;  // focus left the text fields (or the page)
        }
    }
    if (s.open && !s.lastFields.count(s.target)) s.open = false;  // the field is gone (another screen)
    if (!s.open) {
        s.pressed.clear();
        return;
    }
    // Keys pressed through the DOM (taps, assistive technology) or on the canvas.
    std::string value = s.lastFields[s.target].value;
    std::vector<std::string> pressed;
    pressed.swap(s.pressed);
    for (const auto& row : osk::rows(s.layer))
        for (const osk::Key& k : row)
            if (sem.consumeActivate(std::string("osk.") + k.id)) pressed.emplace_back(k.id);
    for (const std::string& id : pressed) {
        if (!s.open) break;
        const osk::Key* k = osk::find(s.layer, id);
        if (k) press(*k, value);
    }
}

bool keyHeld() {
    return st().held && keyboardOpen();
}

bool keyboardOpen() {
    return st().enabled && st().open;
}
std::string_view keyboardTarget() {
    return st().target;
}

float keyboardHeight(float width) {
    if (!keyboardOpen()) return 0.f;
    return osk::place(st().layer, width).height;
}

void drawKeyboard(ImVec2 pos, float width) {
    KeyboardState& s = st();
    Semantics& sem = semantics();
    if (!keyboardOpen()) return;
    osk::Placement placement = osk::place(s.layer, width);
    ImVec2 end(pos.x + width, pos.y + placement.height);
    // Its own window, brought in front of the page and of any dialog (drawn after them).
    ImGui::SetNextWindowPos(pos);
    ImGui::SetNextWindowSize(ImVec2(width, placement.height));
    ImGui::Begin("##osk", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NoNav);
    ImGui::BringWindowToDisplayFront(ImGui::GetCurrentWindow());
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(pos, end, color::kBackgroundAlt);
    dl->AddLine(pos, ImVec2(end.x, pos.y), color::kBorder, 1.f);
    // Inside the open dialog, if any: its keys are then within the dialog's focus
    // trap and not hidden by aria-modal (BeginDialog's box reaches down to here).
    const std::string modal = s.dialog;
    if (!modal.empty()) sem.pushContainer(modal);
    SemNode& group = sem.add("osk", Role::Group, tr("kiosk.keyboard"));
    detail::placeNode(group, pos, end);
    sem.pushContainer("osk");
    ImGui::PushFont(fonts().bold);
    s.held = false;
    for (const osk::PlacedKey& pk : placement.keys) {
        const osk::Key& k = *pk.key;
        ImVec2 a(pos.x + pk.x, pos.y + pk.y), b(a.x + pk.w, a.y + pk.h);
        std::string id = std::string("osk.") + k.id;
        ImGui::SetCursorScreenPos(a);
        if (ImGui::InvisibleButton(("##" + id).c_str(), ImVec2(pk.w, pk.h))) s.pressed.emplace_back(k.id);
        bool held = ImGui::IsItemActive();
        s.held = s.held || held;
        bool command = k.action != osk::Action::Text;
        bool lit = k.action == osk::Action::Shift && s.shift;
        ImU32 bg = held || lit ? color::kBlueFrance : command ? color::kBlueLight : color::kWhite;
        dl->AddRectFilled(a, b, bg, 6.f);
        dl->AddRect(a, b, color::kBorder, 6.f, 0, 1.f);
        std::string text = osk::label(k, s.shift);
        ImVec2 ts = ImGui::CalcTextSize(text.c_str());
        dl->PushClipRect(a, b, true);
        dl->AddText(ImVec2(a.x + (pk.w - ts.x) * 0.5f, a.y + (pk.h - ts.y) * 0.5f),
                    held || lit ? color::kWhite : color::kBlueFrance, text.c_str());
        dl->PopClipRect();
        SemNode& n = sem.add(id, Role::Button, osk::name(k, s.shift));
        detail::placeNode(n, a, b);
    }
    ImGui::PopFont();
    sem.popContainer();
    if (!modal.empty()) sem.popContainer();
    ImGui::End();
}

bool isExternal(std::string_view href) {
    for (std::string_view p : {"http:", "https:", "tel:", "mailto:"})
        if (href.substr(0, p.size()) == p) return true;
    return false;
}

void showExternal(std::string_view url) {
    st().external.assign(url);
    st().open = false;
}
const std::string& externalShown() {
    return st().external;
}
void closeExternal() {
    st().external.clear();
}

bool QrCode(std::string_view id, std::string_view text, float side, std::string_view name) {
    // One encoding per address shown (not per frame).
    static std::string cachedText;
    static std::optional<qr::Code> cached;
    if (!cached || cachedText != text) {
        cachedText.assign(text);
        cached = qr::encode(text);
    }
    if (!cached) return false;
    ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(side, side));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const int quiet = 4;  // light modules around the symbol (the standard's quiet zone)
    int n = cached->size + 2 * quiet;
    float m = std::floor(side / static_cast<float>(n));  // whole pixels per module: sharp edges
    float origin = std::floor((side - m * static_cast<float>(n)) * 0.5f);
    ImVec2 o(std::floor(p.x) + origin, std::floor(p.y) + origin);
    dl->AddRectFilled(ImVec2(std::floor(p.x), std::floor(p.y)), ImVec2(std::floor(p.x) + side, std::floor(p.y) + side),
                      color::kWhite);
    for (int y = 0; y < cached->size; ++y)
        for (int x = 0; x < cached->size; ++x)
            if (cached->dark(x, y)) {
                ImVec2 a(o.x + static_cast<float>(x + quiet) * m, o.y + static_cast<float>(y + quiet) * m);
                dl->AddRectFilled(a, ImVec2(a.x + m, a.y + m), IM_COL32(0, 0, 0, 255));
            }
    Semantics& sem = semantics();
    SemNode& node = sem.add(id, Role::Text, name);
    detail::placeNode(node, p, ImVec2(p.x + side, p.y + side));
    return true;
}

void reset() {
    KeyboardState& s = st();
    bool on = s.enabled;
    s = KeyboardState{};
    s.enabled = on;
    s.focusSeen = semantics().focusEvents();
}

}  // namespace alin::ui::kiosk
