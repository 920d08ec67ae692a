// Layout and text: columns, flows, button groups, wrapped text, headings,
// paragraphs, key/value rows, badges and the semantic containers; the shared
// helpers of widgets_internal.h.
#include "client/ui/widgets.h"

#include <algorithm>
#include <cfloat>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "client/ui/text_wrap.h"
#include "client/ui/widgets_internal.h"
#include "i18n/catalog.h"
#include "imgui_internal.h"

namespace alin::ui {

namespace detail {

std::vector<ColumnState> gColumns;

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

// The lines ImGui's word wrap gives `text` at `wrapWidth` in the current font
// (a word longer than the line is cut, as ImGui does). maxW: widest line.
std::vector<Line> wrapLines(std::string_view text, float wrapWidth, float* maxW) {
    std::vector<Line> lines;
    ImFont* font = ImGui::GetFont();
    float size = ImGui::GetFontSize(), scale = size / font->FontSize;
    const char* s = text.data();
    const char* end = s + text.size();
    // French breaks first (only at ordinary spaces: never inside "10,1 %" or an
    // e-mail address; same length as text, '\n' at the chosen spaces); ImGui's
    // wrap then only cuts a single word wider than the line.
    const std::string broken = BreakFrenchLines(text, std::max(1.f, wrapWidth), font, size);
    auto nextBreak = [&](const char* from) -> const char* {
        const char* b = broken.data() + (from - text.data());
        const char* hit = static_cast<const char*>(std::memchr(b, '\n', static_cast<size_t>(end - from)));
        return hit ? text.data() + (hit - broken.data()) : nullptr;
    };
    float widest = 0;
    while (s < end) {
        const char* nl = nextBreak(s);
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
void drawLines(const std::vector<Line>& lines, ImVec2 pos, ImU32 col, float boxW, bool center, float underline) {
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
    // Judged where the item is about to be drawn: the browser usually scrolled it
    // into view with the focus, and that scroll, taken this frame, applies at the
    // next Begin. Revealing it again would scroll away from where the browser put
    // it, and the mirror would jump a frame later (under a pointer about to click).
    if (w->ScrollTarget.y < FLT_MAX && w->ScrollTargetCenterRatio.y == 0.f)
        r.Translate(ImVec2(0.f, w->Scroll.y - ImClamp(w->ScrollTarget.y, 0.f, w->ScrollMax.y)));
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

}  // namespace detail

using namespace detail;

void ResetLayout() {
    gColumns.clear();
    gFlows.clear();
    gButtonGroups.clear();
}

void BeginColumn(float maxWidth) {
    float avail = ImGui::GetContentRegionAvail().x;
    float margin = avail < 480.f ? 16.f : 24.f;
    // Every column starts at the left edge of one centred page (nav and content
    // aligned); maxWidth only limits how far right it goes.
    float page = std::min(kPageWidth, avail - 2 * margin);
    ColumnState c;
    c.width = std::min(maxWidth, page);
    c.indent = std::max(margin, (avail - page) * 0.5f);
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

void BeginSubColumn(float offsetX, float width, float top) {
    float parentLeft = gColumns.empty() ? ImGui::GetCursorScreenPos().x : gColumns.back().left;
    ColumnState c;
    c.width = std::max(1.f, width);
    c.indent = offsetX;
    c.left = parentLeft + offsetX;
    if (offsetX != 0) ImGui::Indent(offsetX);  // Indent(0) would indent by the style's spacing
    ImGui::SetCursorScreenPos(ImVec2(c.left, top));
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + c.width);
    gColumns.push_back(c);
}

void EndSubColumn() {
    if (gColumns.empty()) return;
    ImGui::PopTextWrapPos();
    if (gColumns.back().indent != 0) ImGui::Unindent(gColumns.back().indent);
    gColumns.pop_back();
}

float ColumnWidth() {
    return gColumns.empty() ? ImGui::GetContentRegionAvail().x : gColumns.back().width;
}

void Separator() {
    ImVec2 p = ImGui::GetCursorScreenPos();
    float left = gColumns.empty() ? p.x : gColumns.back().left;
    Spacer(4);
    ImGui::GetWindowDrawList()->AddLine(ImVec2(left, p.y + 4), ImVec2(left + ColumnWidth(), p.y + 4), color::kBorder,
                                        1.f);
    Spacer(4);
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

}  // namespace alin::ui
