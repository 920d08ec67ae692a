// Controls: buttons, links, disclosures, text fields, checkboxes, notices,
// radio groups and the searchable combobox.
#include <algorithm>
#include <cfloat>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "client/ui/kiosk_ui.h"
#include "client/ui/text_wrap.h"
#include "client/ui/widgets.h"
#include "client/ui/widgets_internal.h"
#include "i18n/catalog.h"
#include "imgui_internal.h"

namespace alin::ui {

using namespace detail;

namespace {

// A clickable label wrapped to the column (links, disclosure buttons): placed
// in the current flow with a hit area at least 32 px tall for touch, drawn in
// blue and underlined (thicker when hovered). The one drawing of Link and
// Disclosure.
struct ClickableLabel {
    ImVec2 min, max;
    bool clicked = false;
};
ClickableLabel wrappedClickableLabel(std::string_view id, std::string_view text) {
    float textW = 0;
    std::vector<Line> lines = wrapLines(text, availWidth(), &textW);
    ImVec2 size(std::max(1.f, textW), ImGui::GetTextLineHeight() * static_cast<float>(lines.size()));
    float h = std::max(size.y, kiosk::minTarget(32.f));
    // A short label ("Aide") still gives a finger 44 px on a kiosk.
    const float hitW = std::max(size.x, kiosk::minTarget(1.f));
    flowPlace(hitW, h);
    ClickableLabel out;
    out.min = ImGui::GetCursorScreenPos();
    out.max = ImVec2(out.min.x + hitW, out.min.y + h);
    out.clicked = ImGui::InvisibleButton(idString(id).c_str(), ImVec2(hitW, h));
    bool hovered = ImGui::IsItemHovered();
    drawLines(lines, ImVec2(out.min.x, out.min.y + (h - size.y) * 0.5f), color::kBlueFrance, size.x, false,
              hovered ? 2.f : 1.f);
    return out;
}

}  // namespace

bool Button(std::string_view id, std::string_view label, ButtonKind kind, bool disabled, float width) {
    ImFont* font = fonts().bold;
    ImGui::PushFont(font);
    ImVec2 textSize = ImGui::CalcTextSize(label.data(), label.data() + label.size());
    // 44 px: comfortable touch target. A tertiary button (no background) of its
    // own width starts its label at the column's edge, as text does: not indented.
    const bool flush = kind == ButtonKind::Tertiary && width <= 0;
    float padX = flush ? 0.f : 24.f, height = 44.f;
    float w = width > 0 ? width : inStackedButtonGroup() ? ColumnWidth() : textSize.x + 2 * padX;
    w = std::min(w, availWidth());
    // A label wider than the button wraps (the button grows taller).
    if (textSize.x > w - 2 * padX) padX = std::min(padX, 12.f);
    float labelW = 0;
    std::vector<Line> lines = wrapLines(label, w - 2 * padX, &labelW);
    float labelH = ImGui::GetTextLineHeight() * static_cast<float>(lines.size());
    height = std::max(height, labelH + 16.f);
    ImGui::PopFont();
    flowPlace(w, height);
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
    drawLines(lines, ImVec2(pos.x + padX, pos.y + (height - labelH) * 0.5f), fg, w - 2 * padX, !flush);
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
    // Wrapped to the column (long links, URLs).
    ClickableLabel l = wrappedClickableLabel(id, label);
    bool clicked = l.clicked;
    Semantics& sem = semantics();
    if (!sem.modalBlocks(sem.currentContainer())) {
        SemNode& n = sem.add(id, Role::Link, label);
        // Nothing leaves a kiosk: an external address is shown as a QR code instead.
        bool kept = kiosk::enabled() && kiosk::isExternal(href);
        n.href.assign(href.empty() || kept ? "#" : href);
        n.newTab = !kept && href.rfind("http", 0) == 0;  // external sites open in a new tab
        placeNode(n, l.min, l.max);
        scrollToIfFocusedNow(id);
        if (sem.consumeActivate(id)) clicked = true;
    }
    if (clicked && kiosk::enabled() && kiosk::isExternal(href)) {
        kiosk::showExternal(href);
        return false;
    }
    return clicked;
}

namespace {

// The DOM <textarea>'s text metrics (shell/index.html: 16 px, line-height 1.2,
// 8 px padding above and below): its box shows exactly that many lines.
constexpr float kTextAreaLine = 16.f * 1.2f, kTextAreaPadY = 8.f;

// A text field: one line (lines = 0, a DOM <input>) or `lines` lines (a DOM <textarea>).
bool textFieldImpl(std::string_view id, std::string_view label, std::string& value, const FieldOptions& o, int lines) {
    Semantics& sem = semantics();
    std::string fullLabel(label);
    if (o.required) fullLabel += " *";
    ImGui::PushStyleColor(ImGuiCol_Text, color::kText);
    ImGui::TextWrapped("%s", fullLabel.c_str());
    ImGui::PopStyleColor();
    if (!o.hint.empty()) Paragraph(o.hint, Tone::Mention, fonts().small, std::string(id) + ".hint");
    std::string sid = idString(id);
    ImVec2 pos = ImGui::GetCursorScreenPos();
    float w = o.width > 0 ? std::min(o.width, ColumnWidth()) : ColumnWidth(),
          h = lines > 0 ? TextAreaHeight(lines) : kiosk::minTarget(40.f) + (kiosk::enabled() ? 4.f : 0.f);
    ImGui::InvisibleButton(sid.c_str(), ImVec2(w, h));
    ImVec2 max(pos.x + w, pos.y + h);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(pos, max, color::kInputBg, 4.f, ImDrawFlags_RoundCornersTop);
    bool hasError = !o.error.empty();
    dl->AddLine(ImVec2(pos.x, max.y - 1), ImVec2(max.x, max.y - 1), hasError ? color::kError : color::kInputBorder,
                2.f);
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
        // "textarea": the DOM mirror is a <textarea> (its type), Enter types a new line.
        n.inputType.assign(lines > 0 ? std::string_view("textarea") : o.inputType);
        n.autocomplete.assign(o.autocomplete);
        n.required = o.required;
        n.invalid = hasError;
        n.error.assign(o.error);
        n.description.assign(o.hint);
        placeNode(n, pos, max);
        scrollToIfFocusedNow(id);
        if (kiosk::enabled()) {
            n.autocomplete.clear();  // a shared terminal keeps no autofill of what was typed
            kiosk::noteField(id, n.inputType, o.digitPad, value);
            // Above the on-screen keyboard: the content scrolls so the field stays in view.
            ImGuiWindow* win = ImGui::GetCurrentWindow();
            if (kiosk::takeReveal(id) && (pos.y - 32.f < win->InnerRect.Min.y || max.y + 16.f > win->InnerRect.Max.y))
                ImGui::SetScrollHereY(0.35f);
        }
    }
    if (hasError) {
        Spacer(2);
        Paragraph(o.error, Tone::Error, fonts().small, std::string(id) + ".error");
    }
    Spacer(8);
    return changed;
}

}  // namespace

bool TextField(std::string_view id, std::string_view label, std::string& value, const FieldOptions& o) {
    return textFieldImpl(id, label, value, o, 0);
}

float TextAreaHeight(int visibleLines) {
    const float h = static_cast<float>(std::max(1, visibleLines)) * kTextAreaLine + 2 * kTextAreaPadY;
    return std::max(h, kiosk::minTarget(40.f) + (kiosk::enabled() ? 4.f : 0.f));
}

bool TextArea(std::string_view id, std::string_view label, std::string& value, const FieldOptions& o,
              int visibleLines) {
    return textFieldImpl(id, label, value, o, std::max(1, visibleLines));
}

bool FieldSubmitted(std::string_view id) {
    return semantics().consumeSubmit(id);
}

bool Checkbox(std::string_view id, std::string_view label, bool& value, std::string_view error) {
    std::string sid = idString(id);
    ImVec2 pos = ImGui::GetCursorScreenPos();
    const float box = 24.f;
    float textW = ColumnWidth() - box - 12.f;
    ImVec2 textSize = ImGui::CalcTextSize(label.data(), label.data() + label.size(), false, textW);
    float h = std::max({box, textSize.y, kiosk::minTarget(0.f)});
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
    dl->AddText(nullptr, 0.f, ImVec2(pos.x + box + 12.f, pos.y), color::kText, label.data(),
                label.data() + label.size(), textW);
    Semantics& sem = semantics();
    if (!sem.modalBlocks(sem.currentContainer())) {
        bool toggled;
        if (sem.consumeToggle(id, toggled) && toggled != value) {
            value = toggled;
            clicked = true;
        }
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
    const std::string lines = BreakFrenchLines(text, w - 2 * pad - 4, ImGui::GetFont(), ImGui::GetFontSize());
    ImVec2 ts = ImGui::CalcTextSize(lines.data(), lines.data() + lines.size(), false, w - 2 * pad - 4);
    float h = ts.y + 2 * pad;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(pos, ImVec2(pos.x + w, pos.y + h), bg, 4.f);
    dl->AddRectFilled(pos, ImVec2(pos.x + 4, pos.y + h), bar);
    dl->AddText(nullptr, 0.f, ImVec2(pos.x + pad + 4, pos.y + pad), color::kText, lines.data(),
                lines.data() + lines.size(), w - 2 * pad - 4);
    ImGui::Dummy(ImVec2(w, h));
    Semantics& sem = semantics();
    if (!sem.modalBlocks(sem.currentContainer())) {
        SemNode& n = sem.add(id, tone == Tone::Error ? Role::Alert : Role::Status, text);
        placeNode(n, pos, ImVec2(pos.x + w, pos.y + h));
    }
    Spacer(8);
}

void BeginRadioGroup(std::string_view id, std::string_view label) {
    Semantics& sem = semantics();
    ImGui::PushStyleColor(ImGuiCol_Text, color::kText);
    ImGui::TextWrapped("%.*s", static_cast<int>(label.size()), label.data());
    ImGui::PopStyleColor();
    if (!sem.modalBlocks(sem.currentContainer())) {
        SemNode& n = sem.add(id, Role::RadioGroup, label);
        placeNode(n, ImGui::GetItemRectMin(),
                  ImVec2(ImGui::GetItemRectMin().x + ColumnWidth(), ImGui::GetItemRectMax().y));
    }
    sem.pushContainer(id);
}

bool Radio(std::string_view id, std::string_view label, bool selected) {
    std::string sid = idString(id);
    ImVec2 pos = ImGui::GetCursorScreenPos();
    const float r = 11.f;
    float textW = ColumnWidth() - 2 * r - 12.f;
    ImVec2 ts = ImGui::CalcTextSize(label.data(), label.data() + label.size(), false, textW);
    float h = std::max(kiosk::minTarget(24.f), ts.y);
    bool clicked = ImGui::InvisibleButton(sid.c_str(), ImVec2(ColumnWidth(), h));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImVec2 c(pos.x + r, pos.y + 12.f);  // centred on the first line of the label
    dl->AddCircleFilled(c, r, color::kWhite, 24);
    dl->AddCircle(c, r, color::kBlueFrance, 24, 1.5f);
    if (selected) dl->AddCircleFilled(c, r - 5, color::kBlueFrance, 24);
    dl->AddText(nullptr, 0.f, ImVec2(pos.x + 2 * r + 12, pos.y), color::kText, label.data(),
                label.data() + label.size(), textW);
    Semantics& sem = semantics();
    if (!sem.modalBlocks(sem.currentContainer()) && !sem.modalBlocks(std::string_view{})) {
        bool toggled;
        if (sem.consumeToggle(id, toggled) && toggled) clicked = true;
        if (sem.consumeActivate(id)) clicked = true;
        SemNode& n = sem.add(id, Role::Radio, label);
        n.checked = selected;
        placeNode(n, pos, ImVec2(pos.x + ColumnWidth(), pos.y + h));
        scrollToIfFocusedNow(id);
    }
    Spacer(2);
    return clicked && !selected;
}

void EndRadioGroup() {
    semantics().popContainer();
    Spacer(6);
}

int SearchCombo(std::string_view id, std::string_view label, ComboState& st, const std::vector<std::string>& options,
                std::string_view hint) {
    Semantics& sem = semantics();
    int chosen = -1;
    ImGui::PushStyleColor(ImGuiCol_Text, color::kText);
    ImGui::TextWrapped("%.*s", static_cast<int>(label.size()), label.data());
    ImGui::PopStyleColor();
    if (!hint.empty()) Paragraph(hint, Tone::Mention, fonts().small, std::string(id) + ".hint");
    std::string sid = idString(id);
    ImVec2 pos = ImGui::GetCursorScreenPos();
    float w = ColumnWidth(), h = kiosk::minTarget(40.f);
    ImGui::InvisibleButton(sid.c_str(), ImVec2(w, h));
    if (ImGui::IsItemClicked()) st.open = true;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(pos, ImVec2(pos.x + w, pos.y + h), color::kInputBg, 4.f, ImDrawFlags_RoundCornersTop);
    dl->AddLine(ImVec2(pos.x, pos.y + h - 1), ImVec2(pos.x + w, pos.y + h - 1), color::kInputBorder, 2.f);
    // ▼ marker
    dl->AddTriangleFilled(ImVec2(pos.x + w - 24, pos.y + 16), ImVec2(pos.x + w - 12, pos.y + 16),
                          ImVec2(pos.x + w - 18, pos.y + 24), color::kText);
    bool blocked = sem.modalBlocks(sem.currentContainer());
    bool revealHighlighted = false;
    if (!blocked) {
        std::string incoming;
        if (sem.consumeInput(id, incoming) && incoming != st.query) {
            st.query = std::move(incoming);
            st.open = true;
            st.highlighted = options.empty() ? -1 : 0;
        }
        std::string key;
        if (sem.consumeKey(id, key)) {
            revealHighlighted = key != "Escape";
            if (key == "Escape")
                st.open = false;
            else if (key == "ArrowDown") {
                st.open = true;
                st.highlighted = std::min<int>(st.highlighted + 1, int(options.size()) - 1);
            } else if (key == "ArrowUp")
                st.highlighted = std::max(st.highlighted - 1, 0);
        }
        if (sem.consumeSubmit(id) && st.open && st.highlighted >= 0 && st.highlighted < int(options.size()))
            chosen = st.highlighted;
        if (sem.isFocused(id) && !st.query.empty() && chosen < 0) st.open = st.open || false;
        SemNode& n = sem.add(id, Role::ComboBox, label);
        n.value = st.query;
        n.expanded = st.open && !options.empty();
        n.description.assign(hint);
        placeNode(n, pos, ImVec2(pos.x + w, pos.y + h));
        scrollToIfFocusedNow(id);
        if (kiosk::enabled()) kiosk::noteField(id, "text", false, st.query);
    }
    if (st.open && !options.empty() && chosen < 0) {
        const int maxShown = 8;
        int shown = std::min<int>(maxShown, static_cast<int>(options.size()));
        float rowH = kiosk::minTarget(36.f);
        ImVec2 lp = ImGui::GetCursorScreenPos();
        std::string listId = std::string(id) + ".list";
        if (!blocked) {
            SemNode& ln = sem.add(listId, Role::ListBox, label);
            placeNode(ln, lp, ImVec2(lp.x + w, lp.y + rowH * shown));
        }
        dl->AddRectFilled(lp, ImVec2(lp.x + w, lp.y + rowH * shown), color::kWhite);
        dl->AddRect(lp, ImVec2(lp.x + w, lp.y + rowH * shown), color::kBorder);
        sem.pushContainer(listId);
        for (int i = 0; i < shown; ++i) {
            ImVec2 rp(lp.x, lp.y + i * rowH);
            std::string oid = listId + "." + std::to_string(i);
            ImGui::SetCursorScreenPos(rp);
            bool click = ImGui::InvisibleButton(oid.c_str(), ImVec2(w, rowH));
            bool hl = i == st.highlighted || ImGui::IsItemHovered();
            if (hl) dl->AddRectFilled(rp, ImVec2(rp.x + w, rp.y + rowH), color::kBlueLight);
            dl->AddText(ImVec2(rp.x + 12, rp.y + (rowH - ImGui::GetTextLineHeight()) * 0.5f), color::kText,
                        options[i].c_str());
            if (!blocked) {
                SemNode& on = sem.add(oid, Role::Option, options[i]);
                on.selected = i == st.highlighted;
                placeNode(on, rp, ImVec2(rp.x + w, rp.y + rowH));
                // The option highlighted from the keyboard is scrolled into view.
                if (revealHighlighted && on.selected) {
                    ImGuiWindow* win = ImGui::GetCurrentWindow();
                    if (rp.y < win->InnerRect.Min.y || rp.y + rowH > win->InnerRect.Max.y)
                        ImGui::SetScrollFromPosY(rp.y - win->Pos.y, 0.5f);
                }
                if (sem.consumeActivate(oid)) click = true;
            }
            if (click) chosen = i;
        }
        sem.popContainer();
        if (options.size() > static_cast<size_t>(maxShown)) {
            ImGui::SetCursorScreenPos(ImVec2(lp.x, lp.y + rowH * shown + 4));
            const long long more = static_cast<long long>(options.size()) - maxShown;
            Paragraph(trn("ui.widget.more_results", more, {std::to_string(more)}), Tone::Mention, fonts().small);
        }
    }
    if (chosen >= 0) {
        st.open = false;
        st.query = options[chosen];
        sem.bumpValue(id);
    }
    Spacer(8);
    return chosen;
}

const char* DisclosureMark(bool expanded) {
    // U+25B2 / U+25BC: in the font subset (scripts/setup.sh); U+25BE / U+25B8 were not (drawn as "?").
    return expanded ? "\xE2\x96\xB2 " : "\xE2\x96\xBC ";  // ▲ / ▼
}

bool Disclosure(std::string_view id, std::string_view label, bool expanded) {
    std::string shown = std::string(DisclosureMark(expanded)) + std::string(label);
    // Drawn like a link (wrapped to the column on phones), exposed as a button.
    ClickableLabel l = wrappedClickableLabel(id, shown);
    bool clicked = l.clicked;
    Semantics& sem = semantics();
    if (!sem.modalBlocks(sem.currentContainer())) {
        SemNode& n = sem.add(id, Role::Button, label);
        n.expanded = expanded;
        n.expandable = true;
        placeNode(n, l.min, l.max);
        scrollToIfFocusedNow(id);
        if (sem.consumeActivate(id)) clicked = true;
    }
    return clicked;
}

}  // namespace alin::ui
