#include "client/ui/widgets.h"

#include <algorithm>
#include <string>
#include <vector>

#include "imgui_internal.h"

namespace alin::ui {

namespace {

struct ColumnState {
    float width = 640.f;
    float indent = 0.f;
};
std::vector<ColumnState> gColumns;

std::string idString(std::string_view id) { return std::string(id); }

void placeNode(SemNode& n, ImVec2 min, ImVec2 max) {
    n.x = min.x;
    n.y = min.y;
    n.w = max.x - min.x;
    n.h = max.y - min.y;
}

// Scrolls the current window so the item just submitted is visible, once,
// when its DOM element received focus from the keyboard or a test driver.
void scrollToIfFocusedNow(std::string_view id) {
    Semantics& sem = semantics();
    if (!sem.isFocused(id)) return;
    ImGuiWindow* w = ImGui::GetCurrentWindow();
    ImRect r(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    const ImRect& vis = w->InnerRect;
    if (r.Min.y < vis.Min.y || r.Max.y > vis.Max.y) ImGui::SetScrollHereY(0.4f);
}

ImU32 toneColor(Tone t) {
    switch (t) {
        case Tone::Mention: return color::kTextMention;
        case Tone::Error: return color::kError;
        case Tone::Success: return color::kSuccess;
        default: return color::kText;
    }
}

int gAutoTextId = 0;

}  // namespace

void BeginColumn(float maxWidth) {
    float avail = ImGui::GetContentRegionAvail().x;
    float margin = avail < 480.f ? 16.f : 24.f;
    ColumnState c;
    c.width = std::min(maxWidth, avail - 2 * margin);
    c.indent = std::max(margin, (avail - c.width) * 0.5f);
    ImGui::Indent(c.indent);
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + c.width);
    gColumns.push_back(c);
    gAutoTextId = 0;
}

void EndColumn() {
    if (gColumns.empty()) return;
    ImGui::PopTextWrapPos();
    ImGui::Unindent(gColumns.back().indent);
    gColumns.pop_back();
}

float ColumnWidth() {
    return gColumns.empty() ? ImGui::GetContentRegionAvail().x : gColumns.back().width;
}

void Spacer(float height) { ImGui::Dummy(ImVec2(1, height)); }

void Heading(std::string_view id, std::string_view text, int level) {
    ImGui::PushFont(level <= 1 ? fonts().h1 : fonts().h2);
    ImGui::PushStyleColor(ImGuiCol_Text, color::kText);
    ImVec2 start = ImGui::GetCursorScreenPos();
    ImGui::TextWrapped("%.*s", static_cast<int>(text.size()), text.data());
    ImGui::PopStyleColor();
    ImGui::PopFont();
    Semantics& sem = semantics();
    if (!sem.modalBlocks(sem.currentContainer())) {
        SemNode& n = sem.add(id, Role::Heading, text);
        n.level = level;
        placeNode(n, start, ImGui::GetItemRectMax());
    }
    Spacer(4);
}

void Paragraph(std::string_view text, Tone tone, ImFont* font, std::string_view explicitId) {
    if (font) ImGui::PushFont(font);
    ImGui::PushStyleColor(ImGuiCol_Text, toneColor(tone));
    ImGui::TextWrapped("%.*s", static_cast<int>(text.size()), text.data());
    ImGui::PopStyleColor();
    if (font) ImGui::PopFont();
    Semantics& sem = semantics();
    if (!sem.modalBlocks(sem.currentContainer())) {
        std::string id = !explicitId.empty() ? std::string(explicitId)
                                              : std::string(sem.currentContainer()) + ".t" + std::to_string(gAutoTextId++);
        SemNode& n = sem.add(id, Role::Text, text);
        placeNode(n, ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    }
}

void ChecklistItem(std::string_view id, std::string_view text, bool ok) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImVec2 p = ImGui::GetCursorScreenPos();
    const char* mark = ok ? "\xE2\x9C\x93" : "\xE2\x9C\x97";  // ✓ / ✗
    ImGui::PushFont(fonts().bold);
    dl->AddText(p, ok ? color::kSuccess : color::kError, mark);
    ImGui::PopFont();
    ImGui::SetCursorScreenPos(ImVec2(p.x + 24, p.y));
    ImGui::PushStyleColor(ImGuiCol_Text, ok ? color::kSuccess : color::kText);
    ImGui::TextWrapped("%.*s", static_cast<int>(text.size()), text.data());
    ImGui::PopStyleColor();
    Semantics& sem = semantics();
    if (!sem.modalBlocks(sem.currentContainer())) {
        std::string name = std::string(ok ? "\xE2\x9C\x93 " : "\xE2\x9C\x97 ") + std::string(text);
        SemNode& n = sem.add(id, Role::ListItem, name);
        n.checked = ok;
        n.description = ok ? "règle respectée" : "règle non respectée";
        placeNode(n, p, ImGui::GetItemRectMax());
    }
}

bool Button(std::string_view id, std::string_view label, ButtonKind kind, bool disabled, float width) {
    ImFont* font = fonts().bold;
    ImGui::PushFont(font);
    ImVec2 textSize = ImGui::CalcTextSize(label.data(), label.data() + label.size());
    ImGui::PopFont();
    const float padX = 24.f, height = 44.f;  // 44 px: comfortable touch target
    float w = width > 0 ? width : textSize.x + 2 * padX;
    w = std::min(w, ColumnWidth());
    std::string sid = idString(id);
    ImVec2 pos = ImGui::GetCursorScreenPos();
    bool clicked = ImGui::InvisibleButton(sid.c_str(), ImVec2(w, height)) && !disabled;
    bool hovered = ImGui::IsItemHovered() && !disabled;
    bool held = ImGui::IsItemActive() && !disabled;
    ImVec2 max(pos.x + w, pos.y + height);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImU32 bg = 0, fg = color::kBlueFrance, border = 0;
    switch (kind) {
        case ButtonKind::Primary:
            bg = held ? color::kBlueActive : hovered ? color::kBlueHover : color::kBlueFrance;
            fg = color::kWhite;
            break;
        case ButtonKind::Secondary:
            bg = hovered ? color::kBlueLight : color::kWhite;
            border = color::kBlueFrance;
            break;
        case ButtonKind::Tertiary:
            bg = hovered ? color::kBlueLight : 0;
            break;
    }
    if (disabled) {
        bg = kind == ButtonKind::Tertiary ? 0 : color::kDisabledBg;
        fg = color::kDisabledText;
        border = 0;
    }
    if (bg) dl->AddRectFilled(pos, max, bg, 4.f);
    if (border) dl->AddRect(pos, max, border, 4.f, 0, 1.f);
    ImGui::PushFont(font);
    ImVec2 tp(pos.x + (w - textSize.x) * 0.5f, pos.y + (height - textSize.y) * 0.5f);
    dl->PushClipRect(pos, max, true);
    dl->AddText(tp, fg, label.data(), label.data() + label.size());
    dl->PopClipRect();
    ImGui::PopFont();

    Semantics& sem = semantics();
    if (!sem.modalBlocks(sem.currentContainer())) {
        SemNode& n = sem.add(id, Role::Button, label);
        n.disabled = disabled;
        placeNode(n, pos, max);
        scrollToIfFocusedNow(id);
        if (sem.consumeActivate(id) && !disabled) clicked = true;
    }
    return clicked;
}

bool Link(std::string_view id, std::string_view label, std::string_view href) {
    std::string sid = idString(id);
    ImVec2 size = ImGui::CalcTextSize(label.data(), label.data() + label.size());
    ImVec2 pos = ImGui::GetCursorScreenPos();
    // Minimum 32 px tall hit area for touch.
    float h = std::max(size.y, 32.f);
    bool clicked = ImGui::InvisibleButton(sid.c_str(), ImVec2(size.x, h));
    bool hovered = ImGui::IsItemHovered();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImVec2 tp(pos.x, pos.y + (h - size.y) * 0.5f);
    dl->AddText(tp, color::kBlueFrance, label.data(), label.data() + label.size());
    dl->AddLine(ImVec2(tp.x, tp.y + size.y + 1), ImVec2(tp.x + size.x, tp.y + size.y + 1),
                color::kBlueFrance, hovered ? 2.f : 1.f);
    Semantics& sem = semantics();
    if (!sem.modalBlocks(sem.currentContainer())) {
        SemNode& n = sem.add(id, Role::Link, label);
        n.href.assign(href.empty() ? "#" : href);
        n.newTab = href.rfind("http", 0) == 0;  // external sites open in a new tab
        placeNode(n, pos, ImVec2(pos.x + size.x, pos.y + h));
        scrollToIfFocusedNow(id);
        if (sem.consumeActivate(id)) clicked = true;
    }
    return clicked;
}

bool TextField(std::string_view id, std::string_view label, std::string& value, const FieldOptions& o) {
    Semantics& sem = semantics();
    std::string fullLabel(label);
    if (o.required) fullLabel += " *";
    ImGui::PushStyleColor(ImGuiCol_Text, color::kText);
    ImGui::TextWrapped("%s", fullLabel.c_str());
    ImGui::PopStyleColor();
    if (!o.hint.empty()) Paragraph(o.hint, Tone::Mention, fonts().small, std::string(id) + ".hint");
    std::string sid = idString(id);
    ImVec2 pos = ImGui::GetCursorScreenPos();
    float w = ColumnWidth(), h = 40.f;
    ImGui::InvisibleButton(sid.c_str(), ImVec2(w, h));
    ImVec2 max(pos.x + w, pos.y + h);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(pos, max, color::kInputBg, 4.f, ImDrawFlags_RoundCornersTop);
    bool hasError = !o.error.empty();
    dl->AddLine(ImVec2(pos.x, max.y - 1), ImVec2(max.x, max.y - 1),
                hasError ? color::kError : color::kInputBorder, 2.f);
    if (hasError) dl->AddLine(ImVec2(pos.x - 8, pos.y), ImVec2(pos.x - 8, max.y), color::kError, 2.f);

    bool changed = false;
    bool blocked = sem.modalBlocks(sem.currentContainer());
    if (!blocked) {
        std::string incoming;
        if (sem.consumeInput(id, incoming) && incoming != value) {
            value = std::move(incoming);
            changed = true;
        }
        SemNode& n = sem.add(id, o.inputType == "password" ? Role::Password : Role::TextBox, fullLabel);
        n.value = value;
        n.inputType.assign(o.inputType);
        n.autocomplete.assign(o.autocomplete);
        n.required = o.required;
        n.invalid = hasError;
        n.error.assign(o.error);
        n.description.assign(o.hint);
        placeNode(n, pos, max);
        scrollToIfFocusedNow(id);
    }
    if (hasError) {
        Spacer(2);
        Paragraph(o.error, Tone::Error, fonts().small, std::string(id) + ".error");
    }
    Spacer(8);
    return changed;
}

bool FieldSubmitted(std::string_view id) { return semantics().consumeSubmit(id); }

bool Checkbox(std::string_view id, std::string_view label, bool& value, std::string_view error) {
    std::string sid = idString(id);
    ImVec2 pos = ImGui::GetCursorScreenPos();
    const float box = 24.f;
    float textW = ColumnWidth() - box - 12.f;
    ImVec2 textSize = ImGui::CalcTextSize(label.data(), label.data() + label.size(), false, textW);
    float h = std::max(box, textSize.y);
    bool clicked = ImGui::InvisibleButton(sid.c_str(), ImVec2(ColumnWidth(), h));
    if (clicked) value = !value;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImVec2 bmin(pos.x, pos.y), bmax(pos.x + box, pos.y + box);
    bool hasError = !error.empty();
    if (value) {
        dl->AddRectFilled(bmin, bmax, color::kBlueFrance, 4.f);
        // Check mark drawn as two lines.
        dl->AddLine(ImVec2(bmin.x + 5, bmin.y + 12), ImVec2(bmin.x + 10, bmin.y + 17), color::kWhite, 2.5f);
        dl->AddLine(ImVec2(bmin.x + 10, bmin.y + 17), ImVec2(bmin.x + 19, bmin.y + 7), color::kWhite, 2.5f);
    } else {
        dl->AddRectFilled(bmin, bmax, color::kWhite, 4.f);
        dl->AddRect(bmin, bmax, hasError ? color::kError : color::kBlueFrance, 4.f, 0, 1.5f);
    }
    dl->AddText(nullptr, 0.f, ImVec2(pos.x + box + 12.f, pos.y + 2), color::kText, label.data(),
                label.data() + label.size(), textW);
    Semantics& sem = semantics();
    if (!sem.modalBlocks(sem.currentContainer())) {
        bool toggled;
        if (sem.consumeToggle(id, toggled)) value = toggled;
        SemNode& n = sem.add(id, Role::Checkbox, label);
        n.checked = value;
        n.invalid = hasError;
        n.error.assign(error);
        placeNode(n, pos, ImVec2(pos.x + ColumnWidth(), pos.y + h));
        scrollToIfFocusedNow(id);
    }
    if (hasError) Paragraph(error, Tone::Error, fonts().small, std::string(id) + ".error");
    Spacer(4);
    return clicked;
}

void Notice(std::string_view id, std::string_view text, Tone tone) {
    ImU32 bg = tone == Tone::Error ? color::kErrorBg : tone == Tone::Success ? color::kSuccessBg : color::kInfoBg;
    ImU32 bar = tone == Tone::Error ? color::kError : tone == Tone::Success ? color::kSuccess : color::kBlueFrance;
    ImVec2 pos = ImGui::GetCursorScreenPos();
    float w = ColumnWidth();
    const float pad = 12.f;
    ImVec2 ts = ImGui::CalcTextSize(text.data(), text.data() + text.size(), false, w - 2 * pad - 4);
    float h = ts.y + 2 * pad;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(pos, ImVec2(pos.x + w, pos.y + h), bg, 4.f);
    dl->AddRectFilled(pos, ImVec2(pos.x + 4, pos.y + h), bar);
    dl->AddText(nullptr, 0.f, ImVec2(pos.x + pad + 4, pos.y + pad), color::kText, text.data(),
                text.data() + text.size(), w - 2 * pad - 4);
    ImGui::Dummy(ImVec2(w, h));
    Semantics& sem = semantics();
    if (!sem.modalBlocks(sem.currentContainer())) {
        SemNode& n = sem.add(id, tone == Tone::Error ? Role::Alert : Role::Status, text);
        placeNode(n, pos, ImVec2(pos.x + w, pos.y + h));
    }
    Spacer(8);
}

bool BeginDialog(std::string_view id, std::string_view title) {
    std::string sid = idString(id);
    ImGuiIO& io = ImGui::GetIO();
    // Dim the page behind the dialog.
    ImGui::GetForegroundDrawList();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    ImGui::PushStyleColor(ImGuiCol_WindowBg, IM_COL32(22, 22, 22, 140));
    ImGui::Begin((sid + "##dim").c_str(), nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoFocusOnAppearing);
    ImGui::End();
    ImGui::PopStyleColor();
    float w = std::min(520.f, io.DisplaySize.x - 32.f);
    ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x * 0.5f, io.DisplaySize.y * 0.4f), ImGuiCond_Always,
                            ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(w, 0));
    ImGui::SetNextWindowFocus();
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(24, 24));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 1.f);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 6.f);
    ImGui::Begin(sid.c_str(), nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_AlwaysAutoResize);
    Semantics& sem = semantics();
    SemNode& n = sem.add(id, Role::Dialog, title);
    ImVec2 p = ImGui::GetWindowPos(), s = ImGui::GetWindowSize();
    placeNode(n, p, ImVec2(p.x + s.x, p.y + s.y));
    sem.setModalOpen(id);
    sem.pushContainer(id);
    gColumns.push_back(ColumnState{w - 48.f, 0.f});
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + w - 48.f);
    Heading(std::string(id) + ".title", title, 2);
    return true;
}

void EndDialog() {
    ImGui::PopTextWrapPos();
    gColumns.pop_back();
    semantics().popContainer();
    ImGui::End();
    ImGui::PopStyleVar(3);
}

}  // namespace alin::ui
