#include "client/ui/widgets.h"

#include <algorithm>
#include <cfloat>
#include <cstdint>
#include <cstring>
#include <string>
#include <unordered_map>
#include <vector>

#include "client/ui/text_wrap.h"
#include "i18n/catalog.h"
#include "imgui_internal.h"

namespace alin::ui {

namespace {

struct ColumnState {
    float width = 640.f;
    float indent = 0.f;
    float left = 0.f;  // screen x of the column's left edge
};
std::vector<ColumnState> gColumns;

// An open flow (see BeginFlow): the line being filled.
struct FlowState {
    float left = 0, right = 0, x = 0, y = 0, lineH = 0, sx = 8, sy = 8;
    int count = 0;
};
std::vector<FlowState> gFlows;
std::vector<bool> gButtonGroups;  // open button groups: true = stacked

float columnRight() {
    if (gColumns.empty()) return ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    return gColumns.back().left + gColumns.back().width;
}

// Width an item may take: a whole flow line, or the rest of the column.
float availWidth() {
    if (!gFlows.empty()) return gFlows.back().right - gFlows.back().left;
    return std::max(1.f, columnRight() - ImGui::GetCursorScreenPos().x);
}

// Places the next item (w x h) of the current flow by moving the cursor to it,
// on the next line when it does not fit; nothing outside a flow.
void flowPlace(float w, float h) {
    if (gFlows.empty()) return;
    FlowState& f = gFlows.back();
    if (f.count > 0 && f.x + w > f.right + 0.5f) {
        f.y += f.lineH + f.sy;
        f.x = f.left;
        f.lineH = 0;
    }
    ImGui::SetCursorScreenPos(ImVec2(f.x, f.y));
    f.x += w + f.sx;
    f.lineH = std::max(f.lineH, h);
    ++f.count;
}

bool inStackedButtonGroup() {
    return !gButtonGroups.empty() && gButtonGroups.back();
}

// One line of wrapped text: [b, e) and its width.
struct Line {
    const char* b;
    const char* e;
    float w;
};

// The lines ImGui's word wrap gives `text` at `wrapWidth` in the current font
// (a word longer than the line is cut, as ImGui does). maxW: widest line.
std::vector<Line> wrapLines(std::string_view text, float wrapWidth, float* maxW = nullptr) {
    std::vector<Line> lines;
    ImFont* font = ImGui::GetFont();
    float size = ImGui::GetFontSize(), scale = size / font->FontSize;
    const char* s = text.data();
    const char* end = s + text.size();
    float widest = 0;
    while (s < end) {
        const char* nl = static_cast<const char*>(std::memchr(s, '\n', static_cast<size_t>(end - s)));
        const char* pe = nl ? nl : end;
        const char* brk = s < pe ? font->CalcWordWrapPositionA(scale, s, pe, std::max(1.f, wrapWidth)) : pe;
        if (brk == s && s < pe) {  // at least one character per line
            unsigned int c;
            brk = s + ImTextCharFromUtf8(&c, s, pe);
        }
        const char* le = brk;
        while (le > s && (le[-1] == ' ' || le[-1] == '\t')) --le;
        float w = font->CalcTextSizeA(size, FLT_MAX, 0.f, s, le).x;
        widest = std::max(widest, w);
        lines.push_back({s, le, w});
        s = brk;
        while (s < pe && (*s == ' ' || *s == '\t')) ++s;
        if (s == pe && nl) s = pe + 1;
    }
    if (lines.empty()) lines.push_back({text.data(), text.data(), 0.f});
    if (maxW) *maxW = widest;
    return lines;
}

// Draws lines from `pos`, each left-aligned or centred in boxW; underline for links.
void drawLines(const std::vector<Line>& lines, ImVec2 pos, ImU32 col, float boxW, bool center, float underline = 0.f) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    float lh = ImGui::GetTextLineHeight();
    // The baseline, under an "x", from the top of the line box.
    const ImFontGlyph* x = ImGui::GetFont()->FindGlyph('x');
    float baseline = x ? x->Y1 * (ImGui::GetFontSize() / ImGui::GetFont()->FontSize) : lh * 0.75f;
    for (size_t i = 0; i < lines.size(); ++i) {
        const Line& l = lines[i];
        ImVec2 p(center ? pos.x + (boxW - l.w) * 0.5f : pos.x, pos.y + lh * static_cast<float>(i));
        dl->AddText(p, col, l.b, l.e);
        if (underline > 0 && l.w > 0)
            dl->AddLine(ImVec2(p.x, p.y + baseline + 2), ImVec2(p.x + l.w, p.y + baseline + 2), col, underline);
    }
}

// The empty space above the glyphs in the current font's line box (CSS
// half-leading), to draw text tightly in small boxes (badges).
float halfLeading() {
    ImFont* f = ImGui::GetFont();
    float scale = ImGui::GetFontSize() / f->FontSize;
    return std::max(0.f, (f->FontSize - (f->Ascent - f->Descent)) * 0.5f * scale);
}

float glyphBox() {
    ImFont* f = ImGui::GetFont();
    return (f->Ascent - f->Descent) * (ImGui::GetFontSize() / f->FontSize);
}

std::string idString(std::string_view id) {
    return std::string(id);
}

void placeNode(SemNode& n, ImVec2 min, ImVec2 max) {
    n.x = min.x;
    n.y = min.y;
    n.w = max.x - min.x;
    n.h = max.y - min.y;
}

// Scrolls the current window so the item just submitted is visible, once,
// when its DOM element received focus from the keyboard or assistive technology.
// Focus that comes with a pointer press never scrolls: the item would move away
// from under the pointer and the release would miss it (a lost click).
void scrollToIfFocusedNow(std::string_view id) {
    Semantics& sem = semantics();
    if (!sem.takeReveal(id)) return;
    ImGuiWindow* w = ImGui::GetCurrentWindow();
    ImRect r(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    const ImRect& vis = w->InnerRect;
    if (r.Min.y < vis.Min.y || r.Max.y > vis.Max.y) ImGui::SetScrollHereY(0.4f);
}

ImU32 toneColor(Tone t) {
    switch (t) {
        case Tone::Mention:
            return color::kTextMention;
        case Tone::Error:
            return color::kError;
        case Tone::Success:
            return color::kSuccess;
        default:
            return color::kText;
    }
}

int gAutoTextId = 0;

}  // namespace

void ResetLayout() {
    gColumns.clear();
    gFlows.clear();
    gButtonGroups.clear();
}

void BeginColumn(float maxWidth) {
    float avail = ImGui::GetContentRegionAvail().x;
    float margin = avail < 480.f ? 16.f : 24.f;
    ColumnState c;
    c.width = std::min(maxWidth, avail - 2 * margin);
    c.indent = std::max(margin, (avail - c.width) * 0.5f);
    ImGui::Indent(c.indent);
    c.left = ImGui::GetCursorScreenPos().x;
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

void Spacer(float height) {
    ImGui::Dummy(ImVec2(1, height));
}

bool NarrowColumn() {
    return ColumnWidth() < kNarrowColumn;
}

void BeginFlow(float spacingX, float spacingY) {
    FlowState f;
    ImVec2 p = ImGui::GetCursorScreenPos();
    f.left = f.x = p.x;
    f.y = p.y;
    f.right = std::max(p.x + 1.f, columnRight());
    f.sx = spacingX;
    f.sy = spacingY;
    gFlows.push_back(f);
}

void EndFlow() {
    if (gFlows.empty()) return;
    FlowState f = gFlows.back();
    gFlows.pop_back();
    if (f.count == 0) return;
    ImGui::SetCursorScreenPos(ImVec2(f.left, f.y));
    ImGui::Dummy(ImVec2(f.right - f.left, f.lineH));
}

void BeginButtonGroup() {
    bool stacked = NarrowColumn();
    gButtonGroups.push_back(stacked);
    if (!stacked) BeginFlow(8.f, 8.f);
}

void EndButtonGroup() {
    if (gButtonGroups.empty()) return;
    bool stacked = gButtonGroups.back();
    gButtonGroups.pop_back();
    if (!stacked) EndFlow();
}

ImVec2 WrappedText(std::string_view text, ImU32 color, float width) {
    float maxW = 0;
    std::vector<Line> lines = wrapLines(text, width > 0 ? width : availWidth(), &maxW);
    float h = ImGui::GetTextLineHeight() * static_cast<float>(lines.size());
    ImVec2 pos = ImGui::GetCursorScreenPos();
    drawLines(lines, pos, color, maxW, false);
    ImGui::Dummy(ImVec2(maxW, h));
    return ImVec2(maxW, h);
}

void Heading(std::string_view id, std::string_view text, int level) {
    ImGui::PushFont(level <= 1 ? fonts().h1 : fonts().h2);
    ImGui::PushStyleColor(ImGuiCol_Text, color::kText);
    ImVec2 start = ImGui::GetCursorScreenPos();
    ImGui::TextWrapped("%s", BreakFrenchLines(text).c_str());
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
    ImGui::TextWrapped("%s", BreakFrenchLines(text).c_str());
    ImGui::PopStyleColor();
    if (font) ImGui::PopFont();
    Semantics& sem = semantics();
    if (!sem.modalBlocks(sem.currentContainer())) {
        std::string id = !explicitId.empty()
                             ? std::string(explicitId)
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
        n.description = ok ? tr("ui.widget.rule_met") : tr("ui.widget.rule_unmet");
        placeNode(n, p, ImGui::GetItemRectMax());
    }
}

bool Button(std::string_view id, std::string_view label, ButtonKind kind, bool disabled, float width) {
    ImFont* font = fonts().bold;
    ImGui::PushFont(font);
    ImVec2 textSize = ImGui::CalcTextSize(label.data(), label.data() + label.size());
    float padX = 24.f, height = 44.f;  // 44 px: comfortable touch target
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
    drawLines(lines, ImVec2(pos.x + padX, pos.y + (height - labelH) * 0.5f), fg, w - 2 * padX, true);
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
    // Wrapped to the column (long links, URLs); minimum 32 px tall hit area for touch.
    float textW = 0;
    std::vector<Line> lines = wrapLines(label, availWidth(), &textW);
    ImVec2 size(std::max(1.f, textW), ImGui::GetTextLineHeight() * static_cast<float>(lines.size()));
    float h = std::max(size.y, 32.f);
    flowPlace(size.x, h);
    ImVec2 pos = ImGui::GetCursorScreenPos();
    bool clicked = ImGui::InvisibleButton(sid.c_str(), ImVec2(size.x, h));
    bool hovered = ImGui::IsItemHovered();
    drawLines(lines, ImVec2(pos.x, pos.y + (h - size.y) * 0.5f), color::kBlueFrance, size.x, false,
              hovered ? 2.f : 1.f);
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
    float w = o.width > 0 ? std::min(o.width, ColumnWidth()) : ColumnWidth(), h = 40.f;
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

bool FieldSubmitted(std::string_view id) {
    return semantics().consumeSubmit(id);
}

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

void BeginTabBar(std::string_view id, std::string_view name) {
    Semantics& sem = semantics();
    if (!sem.modalBlocks(sem.currentContainer())) {
        SemNode& n = sem.add(id, Role::TabList, name);
        ImVec2 p = ImGui::GetCursorScreenPos();
        placeNode(n, p, ImVec2(p.x + ColumnWidth(), p.y + 48));
    }
    sem.pushContainer(id);
    ImGui::BeginGroup();
    BeginFlow(4.f, 0.f);
}

bool Tab(std::string_view id, std::string_view label, bool selected, int badge) {
    std::string sid = idString(id);
    ImGui::PushFont(fonts().bold);
    ImVec2 ts = ImGui::CalcTextSize(label.data(), label.data() + label.size());
    std::string badgeText = badge >= 0 ? std::to_string(badge) : std::string();
    ImVec2 bs = badge >= 0 ? ImGui::CalcTextSize(badgeText.c_str()) : ImVec2(0, 0);
    float badgeW = badge >= 0 ? bs.x + 20 : 0;
    // Tabs flow to the next line when they do not fit (phones); a tab wider than
    // the column wraps its label.
    float w = std::min(ts.x + 24 + badgeW, availWidth());
    float labelW = 0;
    std::vector<Line> lines = wrapLines(label, std::max(40.f, w - 24 - badgeW), &labelW);
    float labelH = ImGui::GetTextLineHeight() * static_cast<float>(lines.size());
    float h = std::max(44.f, labelH + 20);
    flowPlace(w, h);
    ImVec2 pos = ImGui::GetCursorScreenPos();
    bool clicked = ImGui::InvisibleButton(sid.c_str(), ImVec2(w, h));
    bool hovered = ImGui::IsItemHovered();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImU32 fg = selected ? color::kRed : color::kBlueFrance;
    if (hovered && !selected) dl->AddRectFilled(pos, ImVec2(pos.x + w, pos.y + h), color::kBlueLight, 4.f);
    float labelTop = pos.y + (h - labelH) * 0.5f;
    drawLines(lines, ImVec2(pos.x + 12, labelTop), fg, labelW, false);
    if (badge >= 0) {
        // After the last line of the label, as tall as the glyphs (not the line box).
        float gb = glyphBox(), lead = halfLeading();
        ImVec2 b0(pos.x + 12 + lines.back().w + 8, labelTop + labelH - ImGui::GetTextLineHeight() + lead - 2);
        ImVec2 b1(b0.x + bs.x + 12, b0.y + gb + 4);
        dl->AddRectFilled(b0, b1, selected ? color::kRed : color::kBlueFrance, 10.f);
        dl->AddText(ImVec2(b0.x + 6, b0.y + 2 - lead), color::kWhite, badgeText.c_str());
    }
    if (selected) dl->AddRectFilled(ImVec2(pos.x, pos.y + h - 3), ImVec2(pos.x + w, pos.y + h), color::kRed);
    ImGui::PopFont();
    Semantics& sem = semantics();
    if (!sem.modalBlocks(sem.currentContainer()) && !sem.modalBlocks(std::string_view{})) {
        std::string name(label);
        if (badge >= 0) name += " (" + badgeText + ")";
        SemNode& n = sem.add(id, Role::Tab, name);
        n.selected = selected;
        placeNode(n, pos, ImVec2(pos.x + w, pos.y + h));
        scrollToIfFocusedNow(id);
        if (sem.consumeActivate(id)) clicked = true;
    }
    return clicked;
}

void EndTabBar() {
    EndFlow();
    ImGui::EndGroup();
    ImVec2 p = ImGui::GetItemRectMin();
    ImGui::GetWindowDrawList()->AddLine(ImVec2(p.x, ImGui::GetItemRectMax().y),
                                        ImVec2(p.x + ColumnWidth(), ImGui::GetItemRectMax().y), color::kBorder);
    semantics().popContainer();
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
    float h = std::max(24.f, ts.y);
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
    float w = ColumnWidth(), h = 40.f;
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
    }
    if (st.open && !options.empty() && chosen < 0) {
        const int maxShown = 8;
        int shown = std::min<int>(maxShown, static_cast<int>(options.size()));
        float rowH = 36.f;
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

void KeyValue(std::string_view label, std::string_view value) {
    // "Label : value" with a no-break space before the colon (French typography).
    std::string text = trf("ui.common.kv", {label, value});
    ImVec2 p = ImGui::GetCursorScreenPos();
    float colW = ColumnWidth();
    ImGui::PushFont(fonts().bold);
    std::string l = trf("ui.common.kv", {label, ""});
    ImVec2 ls = ImGui::CalcTextSize(l.c_str());
    ImGui::PopFont();
    ImVec2 vs = ImGui::CalcTextSize(value.data(), value.data() + value.size());
    float h;
    if (ls.x + vs.x <= colW) {
        // "Label : value" on one line.
        ImGui::PushFont(fonts().bold);
        ImGui::GetWindowDrawList()->AddText(p, color::kText, l.c_str());
        ImGui::PopFont();
        ImGui::GetWindowDrawList()->AddText(ImVec2(p.x + ls.x, p.y), color::kText, value.data(),
                                            value.data() + value.size());
        h = std::max(ls.y, vs.y);
    } else {
        // Narrow: the label above the value, each wrapped to the column (a value
        // never gets squeezed into the end of the label's line).
        ImGui::PushFont(fonts().bold);
        std::string lt = l;  // "Label :" with its no-break space, without the trailing space
        while (!lt.empty() && lt.back() == ' ') lt.pop_back();
        std::vector<Line> ll = wrapLines(lt, colW);
        drawLines(ll, p, color::kText, colW, false);
        h = ImGui::GetTextLineHeight() * static_cast<float>(ll.size());
        ImGui::PopFont();
        std::vector<Line> vl = wrapLines(value, colW);
        drawLines(vl, ImVec2(p.x, p.y + h), color::kText, colW, false);
        h += ImGui::GetTextLineHeight() * static_cast<float>(vl.size());
    }
    ImGui::Dummy(ImVec2(colW, h));
    Semantics& sem = semantics();
    if (!sem.modalBlocks(sem.currentContainer())) {
        std::string nid = std::string(sem.currentContainer()) + ".t" + std::to_string(gAutoTextId++);
        SemNode& n = sem.add(nid, Role::Text, text);
        placeNode(n, p, ImVec2(p.x + colW, p.y + h));
    }
}

void Badge(std::string_view text, ImU32 bg, ImU32 fg) {
    ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::PushFont(fonts().small);
    ImVec2 ts = ImGui::CalcTextSize(text.data(), text.data() + text.size());
    float gb = glyphBox(), lead = halfLeading();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(p, ImVec2(p.x + ts.x + 12, p.y + gb + 6), bg, 4.f);
    dl->AddText(ImVec2(p.x + 6, p.y + 3 - lead), fg, text.data(), text.data() + text.size());
    ImGui::PopFont();
    ImGui::Dummy(ImVec2(ts.x + 12, gb + 6));
}

void Stepper(std::string_view id, std::string_view name, const std::vector<std::string>& steps, int current,
             bool failed) {
    Semantics& sem = semantics();
    ImVec2 start = ImGui::GetCursorScreenPos();
    bool blocked = sem.modalBlocks(sem.currentContainer());
    size_t listIndex = 0;
    if (!blocked) {
        sem.add(id, Role::List, name);
        listIndex = sem.nodeCount() - 1;
    }
    sem.pushContainer(id);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float r = 14.f;
    for (size_t i = 0; i < steps.size(); ++i) {
        int step = static_cast<int>(i) + 1;
        ImVec2 p = ImGui::GetCursorScreenPos();
        bool hereStep = step == current;
        // The label wraps beside the circle; the row grows with it.
        ImGui::PushFont(hereStep ? fonts().bold : fonts().body);
        std::vector<Line> labelLines = wrapLines(steps[i], ColumnWidth() - 2 * r - 12);
        float labelH = ImGui::GetTextLineHeight() * static_cast<float>(labelLines.size());
        ImGui::PopFont();
        float rowH = std::max(40.f, labelH + 16.f);
        ImVec2 c(p.x + r, p.y + r);
        bool done = step < current || (step == current && !failed && current == static_cast<int>(steps.size()));
        bool here = step == current;
        ImU32 col = (here && failed) ? color::kError : (done || here) ? color::kBlueFrance : color::kTextMention;
        if (i + 1 < steps.size())
            dl->AddLine(ImVec2(c.x, c.y + r), ImVec2(c.x, c.y + rowH - r + 4),
                        step < current ? color::kBlueFrance : color::kBorder, 2.f);
        if (done || here)
            dl->AddCircleFilled(c, r, col, 24);
        else
            dl->AddCircle(c, r, col, 24, 2.f);
        std::string num = std::to_string(step);
        ImGui::PushFont(fonts().bold);
        ImVec2 ns = ImGui::CalcTextSize(num.c_str());
        dl->AddText(ImVec2(c.x - ns.x * 0.5f, c.y - ns.y * 0.5f), (done || here) ? color::kWhite : col, num.c_str());
        ImGui::PopFont();
        std::string state = (here && failed) ? tr("ui.widget.step_stopped")
                            : here           ? tr("ui.widget.step_current")
                            : step < current ? tr("ui.widget.step_done")
                                             : "";
        ImFont* f = here ? fonts().bold : fonts().body;
        ImGui::PushFont(f);
        drawLines(labelLines, ImVec2(p.x + 2 * r + 12, p.y + 2),
                  here ? (failed ? color::kError : color::kText) : color::kText, ColumnWidth() - 2 * r - 12, false);
        ImGui::PopFont();
        ImGui::Dummy(ImVec2(ColumnWidth(), rowH));
        if (!blocked) {
            std::string text = trf("ui.widget.step", {num, steps[i]}) + state;
            SemNode& n = sem.add(std::string(id) + "." + num, Role::ListItem, text);
            n.current = here;
            placeNode(n, p, ImVec2(p.x + ColumnWidth(), p.y + rowH));
        }
    }
    sem.popContainer();
    if (!blocked) {
        SemNode& ln = sem.nodeAt(listIndex);
        placeNode(ln, start, ImVec2(start.x + ColumnWidth(), ImGui::GetCursorScreenPos().y));
    }
}

int NavBar(std::string_view id, const std::vector<std::string>& labels, const std::vector<std::string>& hrefs,
           int current, std::string_view menuLabel) {
    static std::unordered_map<std::string, bool> menuOpen;  // collapsed menus shown, per nav id
    Semantics& sem = semantics();
    int clicked = -1;
    ImVec2 start = ImGui::GetCursorScreenPos();
    bool blocked = sem.modalBlocks(sem.currentContainer());
    size_t navIndex = 0;
    if (!blocked) {
        sem.add(id, Role::Navigation, tr("ui.widget.main_nav"));
        navIndex = sem.nodeCount() - 1;
    }
    sem.pushContainer(id);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImGui::PushFont(fonts().bold);
    const float h = 44;
    float total = 0;
    for (const auto& l : labels) total += ImGui::CalcTextSize(l.c_str()).x + 24 + 4;
    bool collapsed = total - 4 > availWidth();
    bool& open = menuOpen[std::string(id)];
    if (!collapsed) open = false;
    auto link = [&](size_t i, ImVec2 p, float w, bool stacked) {
        std::string nid = std::string(id) + "." + std::to_string(i);
        bool c = ImGui::InvisibleButton(nid.c_str(), ImVec2(w, h));
        bool sel = static_cast<int>(i) == current;
        ImVec2 ts = ImGui::CalcTextSize(labels[i].c_str());
        if (ImGui::IsItemHovered()) dl->AddRectFilled(p, ImVec2(p.x + w, p.y + h), color::kBlueLight);
        dl->AddText(ImVec2(p.x + (stacked ? 16 : 12), p.y + (h - ts.y) * 0.5f), color::kBlueFrance, labels[i].c_str());
        if (sel && stacked)
            dl->AddRectFilled(p, ImVec2(p.x + 3, p.y + h), color::kBlueFrance);
        else if (sel)
            dl->AddRectFilled(ImVec2(p.x, p.y + h - 3), ImVec2(p.x + w, p.y + h), color::kBlueFrance);
        if (!blocked) {
            SemNode& n = sem.add(nid, Role::Link, labels[i]);
            n.href = hrefs[i];
            n.current = sel;
            placeNode(n, p, ImVec2(p.x + w, p.y + h));
            scrollToIfFocusedNow(nid);
            if (sem.consumeActivate(nid)) c = true;
        }
        if (c) clicked = static_cast<int>(i);
    };
    if (!collapsed) {
        BeginFlow(4.f, 0.f);
        for (size_t i = 0; i < labels.size(); ++i) {
            float w = ImGui::CalcTextSize(labels[i].c_str()).x + 24;
            flowPlace(w, h);
            link(i, ImGui::GetCursorScreenPos(), w, false);
        }
        EndFlow();
    } else {
        // Phones: a "Menu" disclosure button, the links stacked under it when open.
        std::string mid = std::string(id) + ".menu";
        ImVec2 p = ImGui::GetCursorScreenPos();
        ImVec2 ts = ImGui::CalcTextSize(menuLabel.data(), menuLabel.data() + menuLabel.size());
        float w = ts.x + 24 + 28;
        bool toggle = ImGui::InvisibleButton(mid.c_str(), ImVec2(w, h));
        if (ImGui::IsItemHovered()) dl->AddRectFilled(p, ImVec2(p.x + w, p.y + h), color::kBlueLight, 4.f);
        for (int k = 0; k < 3; ++k) {  // the "hamburger" icon
            float y = p.y + h * 0.5f - 6 + 6 * k;
            dl->AddLine(ImVec2(p.x + 12, y), ImVec2(p.x + 30, y), color::kBlueFrance, 2.f);
        }
        dl->AddText(ImVec2(p.x + 40, p.y + (h - ts.y) * 0.5f), color::kBlueFrance, menuLabel.data(),
                    menuLabel.data() + menuLabel.size());
        if (!blocked) {
            SemNode& n = sem.add(mid, Role::Button, menuLabel);
            n.expanded = open;
            placeNode(n, p, ImVec2(p.x + w, p.y + h));
            if (sem.consumeActivate(mid)) toggle = true;
        }
        if (toggle) open = !open;
        if (open) {
            float fullW = ColumnWidth();
            for (size_t i = 0; i < labels.size(); ++i) {
                ImVec2 lp = ImGui::GetCursorScreenPos();
                dl->AddLine(ImVec2(lp.x, lp.y), ImVec2(lp.x + fullW, lp.y), color::kBorder);
                link(i, lp, fullW, true);
            }
        }
        if (clicked >= 0) open = false;
    }
    ImGui::PopFont();
    sem.popContainer();
    if (!blocked) {
        SemNode& nav = sem.nodeAt(navIndex);
        placeNode(nav, start, ImVec2(start.x + ColumnWidth(), ImGui::GetCursorScreenPos().y));
    }
    return clicked;
}

namespace {

// A card's text: the title (bold) then each line, wrapped to the card.
struct CardText {
    std::vector<Line> title;
    std::vector<std::vector<Line>> lines;
    float height = 0;
};
CardText layoutCard(std::string_view title, const std::string* lines, int lineCount, float width) {
    CardText t;
    float inner = std::max(40.f, width - 32);
    ImGui::PushFont(fonts().bold);
    t.title = wrapLines(title, inner);
    float h = 12 + ImGui::GetTextLineHeight() * static_cast<float>(t.title.size()) + 4;
    ImGui::PopFont();
    ImGui::PushFont(fonts().body);
    for (int i = 0; i < lineCount; ++i) {
        t.lines.push_back(wrapLines(lines[i], inner));
        h += ImGui::GetTextLineHeight() * static_cast<float>(t.lines.back().size());
    }
    ImGui::PopFont();
    t.height = h + 12 + 3;  // bottom padding and the blue bar
    return t;
}

}  // namespace

float CardHeight(std::string_view title, const std::string* lines, int lineCount, float width) {
    return layoutCard(title, lines, lineCount, width).height;
}

bool Card(std::string_view id, std::string_view title, const std::string* lines, int lineCount, std::string_view name,
          float height, bool draw) {
    std::string sid = idString(id);
    ImVec2 pos = ImGui::GetCursorScreenPos();
    float w = ColumnWidth();
    if (!draw) {
        // Off screen: mirrored only, so reading and Tab reach it (the DOM scrolls to it).
        Semantics& sem = semantics();
        if (sem.modalBlocks(sem.currentContainer())) return false;
        SemNode& n = sem.add(id, Role::Link, name);
        n.href = "#";
        placeNode(n, pos, ImVec2(pos.x + w, pos.y + height));
        return sem.consumeActivate(id);
    }
    CardText t = layoutCard(title, lines, lineCount, w);
    height = std::max(height, t.height);
    bool clicked = ImGui::InvisibleButton(sid.c_str(), ImVec2(w, height));
    bool hovered = ImGui::IsItemHovered();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(pos, ImVec2(pos.x + w, pos.y + height), hovered ? color::kBackgroundAlt : color::kWhite, 4.f);
    dl->AddRect(pos, ImVec2(pos.x + w, pos.y + height), hovered ? color::kBlueFrance : color::kBorder, 4.f);
    dl->AddRectFilled(ImVec2(pos.x, pos.y + height - 3), ImVec2(pos.x + w, pos.y + height), color::kBlueFrance);
    ImGui::PushFont(fonts().bold);
    drawLines(t.title, ImVec2(pos.x + 16, pos.y + 12), color::kBlueFrance, w - 32, false);
    float y = pos.y + 12 + ImGui::GetTextLineHeight() * static_cast<float>(t.title.size()) + 4;
    ImGui::PopFont();
    ImGui::PushFont(fonts().body);
    for (const auto& l : t.lines) {
        drawLines(l, ImVec2(pos.x + 16, y), color::kText, w - 32, false);
        y += ImGui::GetTextLineHeight() * static_cast<float>(l.size());
    }
    ImGui::PopFont();
    Semantics& sem = semantics();
    if (!sem.modalBlocks(sem.currentContainer())) {
        SemNode& n = sem.add(id, Role::Link, name);
        n.href = "#";
        placeNode(n, pos, ImVec2(pos.x + w, pos.y + height));
        scrollToIfFocusedNow(id);
        if (sem.consumeActivate(id)) clicked = true;
    }
    return clicked;
}

namespace {

// A pill (filters, choices): its label wraps when wider than the column.
struct Chip {
    std::vector<Line> lines;
    float w = 0, h = 0;
};
Chip layoutChip(std::string_view label) {
    Chip c;
    float avail = availWidth(), textW = 0;
    c.lines = wrapLines(label, std::max(20.f, avail - 28), &textW);
    c.w = std::min(textW + 28, avail);
    c.h = std::max(36.f, ImGui::GetTextLineHeight() * static_cast<float>(c.lines.size()) + 12);
    return c;
}
void drawChip(const Chip& c, ImVec2 pos, bool on, bool hovered) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImU32 bg = on ? color::kBlueFrance : hovered ? color::kBlueLight : color::kWhite;
    float rounding = std::min(18.f, c.h * 0.5f);
    dl->AddRectFilled(pos, ImVec2(pos.x + c.w, pos.y + c.h), bg, rounding);
    dl->AddRect(pos, ImVec2(pos.x + c.w, pos.y + c.h), color::kBlueFrance, rounding, 0, 1.f);
    float textH = ImGui::GetTextLineHeight() * static_cast<float>(c.lines.size());
    drawLines(c.lines, ImVec2(pos.x + 14, pos.y + (c.h - textH) * 0.5f), on ? color::kWhite : color::kBlueFrance,
              c.w - 28, false);
}

}  // namespace

bool ToggleChip(std::string_view id, std::string_view label, bool& value) {
    std::string sid = idString(id);
    Chip chip = layoutChip(label);
    float w = chip.w, h = chip.h;
    flowPlace(w, h);
    ImVec2 pos = ImGui::GetCursorScreenPos();
    bool clicked = ImGui::InvisibleButton(sid.c_str(), ImVec2(w, h));
    bool hovered = ImGui::IsItemHovered();
    if (clicked) value = !value;
    Semantics& sem = semantics();
    if (!sem.modalBlocks(sem.currentContainer())) {
        bool toggled;
        if (sem.consumeToggle(id, toggled) && toggled != value) {
            value = toggled;
            clicked = true;
        }
        SemNode& n = sem.add(id, Role::Checkbox, label);
        n.checked = value;
        placeNode(n, pos, ImVec2(pos.x + w, pos.y + h));
        scrollToIfFocusedNow(id);
    }
    drawChip(chip, pos, value, hovered);
    return clicked;
}

bool ChipChoice(std::string_view id, std::string_view label, const std::vector<std::string>& options, int& selected) {
    Semantics& sem = semantics();
    bool changed = false;
    ImVec2 start = ImGui::GetCursorScreenPos();
    bool blocked = sem.modalBlocks(sem.currentContainer());
    size_t groupIndex = 0;
    if (!blocked) {
        sem.add(id, Role::RadioGroup, label);
        groupIndex = sem.nodeCount() - 1;
    }
    sem.pushContainer(id);
    // The label on its own line, the choices flowing under it.
    ImGui::PushStyleColor(ImGuiCol_Text, color::kText);
    ImGui::TextWrapped("%.*s", static_cast<int>(label.size()), label.data());
    ImGui::PopStyleColor();
    BeginFlow(8.f, 8.f);
    for (size_t i = 0; i < options.size(); ++i) {
        std::string oid = std::string(id) + "." + std::to_string(i);
        Chip chip = layoutChip(options[i]);
        float w = chip.w, h = chip.h;
        flowPlace(w, h);
        ImVec2 pos = ImGui::GetCursorScreenPos();
        bool clicked = ImGui::InvisibleButton(oid.c_str(), ImVec2(w, h));
        bool on = static_cast<int>(i) == selected;
        bool hovered = ImGui::IsItemHovered();
        if (!blocked) {
            bool toggled;
            if (sem.consumeToggle(oid, toggled) && toggled) clicked = true;
            if (sem.consumeActivate(oid)) clicked = true;
            SemNode& n = sem.add(oid, Role::Radio, options[i]);
            n.checked = on;
            placeNode(n, pos, ImVec2(pos.x + w, pos.y + h));
            scrollToIfFocusedNow(oid);
        }
        drawChip(chip, pos, on, hovered);
        if (clicked && !on) {
            selected = static_cast<int>(i);
            changed = true;
        }
    }
    EndFlow();
    sem.popContainer();
    if (!blocked) {
        SemNode& g = sem.nodeAt(groupIndex);
        placeNode(g, start, ImVec2(start.x + ColumnWidth(), ImGui::GetCursorScreenPos().y));
    }
    return changed;
}

namespace {
bool gDialogEscape = false;
}

bool DialogEscape() {
    bool e = gDialogEscape;
    gDialogEscape = false;
    return e;
}

bool BeginDialog(std::string_view id, std::string_view title, bool alert) {
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
    std::string key;
    gDialogEscape = sem.consumeKey(id, key) && key == "Escape";
    SemNode& n = sem.add(id, alert ? Role::AlertDialog : Role::Dialog, title);
    ImVec2 p = ImGui::GetWindowPos(), s = ImGui::GetWindowSize();
    placeNode(n, p, ImVec2(p.x + s.x, p.y + s.y));
    sem.setModalOpen(id);
    sem.pushContainer(id);
    gColumns.push_back(ColumnState{w - 48.f, 0.f, ImGui::GetCursorScreenPos().x});
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

namespace alin::ui {

namespace {
// Semantic containers whose rectangle is known once their content is drawn.
std::vector<size_t> gOpenContainers;

void openContainer(std::string_view id, Role role, std::string_view name, std::string_view ref = {}) {
    Semantics& sem = semantics();
    if (sem.modalBlocks(sem.currentContainer())) {
        gOpenContainers.push_back(SIZE_MAX);
    } else {
        SemNode& n = sem.add(id, role, name);
        n.ref.assign(ref);
        ImVec2 p = ImGui::GetCursorScreenPos();
        placeNode(n, p, p);
        gOpenContainers.push_back(sem.nodeCount() - 1);
    }
    sem.pushContainer(id);
}

void closeContainer() {
    Semantics& sem = semantics();
    sem.popContainer();
    if (gOpenContainers.empty()) return;
    size_t index = gOpenContainers.back();
    gOpenContainers.pop_back();
    if (index == SIZE_MAX || index >= sem.nodeCount()) return;
    SemNode& n = sem.nodeAt(index);
    float bottom = std::max(ImGui::GetCursorScreenPos().y, ImGui::GetItemRectMax().y);
    n.w = std::max(ColumnWidth(), ImGui::GetItemRectMax().x - n.x);
    n.h = std::max(0.f, bottom - n.y);
}
}  // namespace

void BeginFieldGroup(std::string_view id, std::string_view name) {
    openContainer(id, Role::Group, name);
}
void EndFieldGroup() {
    closeContainer();
}

void BeginTabPanel(std::string_view id, std::string_view tabId) {
    openContainer(id, Role::TabPanel, {}, tabId);
}
void EndTabPanel() {
    closeContainer();
}

void BeginList(std::string_view id, std::string_view name) {
    openContainer(id, Role::List, name);
}
void EndList() {
    closeContainer();
}

void BeginListItem(std::string_view id, int posInSet, int setSize, float height) {
    Semantics& sem = semantics();
    if (!sem.modalBlocks(sem.currentContainer())) {
        SemNode& n = sem.add(id, Role::ListItem, {});
        n.posInSet = posInSet;
        n.setSize = setSize;
        ImVec2 p = ImGui::GetCursorScreenPos();
        placeNode(n, p, ImVec2(p.x + ColumnWidth(), p.y + height));
    }
    sem.pushContainer(id);
}
void EndListItem() {
    semantics().popContainer();
}

bool Disclosure(std::string_view id, std::string_view label, bool expanded) {
    std::string sid = idString(id);
    std::string shown = std::string(expanded ? "\xE2\x96\xBE " : "\xE2\x96\xB8 ") + std::string(label);  // ▾ / ▸
    // Wrapped to the column like a link (phones); minimum 32 px tall hit area for touch.
    float textW = 0;
    std::vector<Line> lines = wrapLines(shown, availWidth(), &textW);
    ImVec2 size(std::max(1.f, textW), ImGui::GetTextLineHeight() * static_cast<float>(lines.size()));
    float h = std::max(size.y, 32.f);
    flowPlace(size.x, h);
    ImVec2 pos = ImGui::GetCursorScreenPos();
    bool clicked = ImGui::InvisibleButton(sid.c_str(), ImVec2(size.x, h));
    bool hovered = ImGui::IsItemHovered();
    drawLines(lines, ImVec2(pos.x, pos.y + (h - size.y) * 0.5f), color::kBlueFrance, size.x, false,
              hovered ? 2.f : 1.f);
    Semantics& sem = semantics();
    if (!sem.modalBlocks(sem.currentContainer())) {
        SemNode& n = sem.add(id, Role::Button, label);
        n.expanded = expanded;
        n.expandable = true;
        placeNode(n, pos, ImVec2(pos.x + size.x, pos.y + h));
        scrollToIfFocusedNow(id);
        if (sem.consumeActivate(id)) clicked = true;
    }
    return clicked;
}

}  // namespace alin::ui
