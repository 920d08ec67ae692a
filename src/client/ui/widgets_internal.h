// Shared by the widget files (widgets.cpp, widgets_controls.cpp,
// widgets_navigation.cpp) and nothing else: the layout state of the open
// columns, flows and button groups, and the text helpers every widget draws with.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "client/ui/widgets.h"
#include "imgui.h"

namespace alin::ui::detail {

struct ColumnState {
    float width = 640.f;
    float indent = 0.f;
    float left = 0.f;  // screen x of the column's left edge
};
extern std::vector<ColumnState> gColumns;

// An open flow (see BeginFlow): the line being filled.
struct FlowState {
    float left = 0, right = 0, x = 0, y = 0, lineH = 0, sx = 8, sy = 8;
    int count = 0;
};
extern std::vector<FlowState> gFlows;
extern std::vector<bool> gButtonGroups;  // open button groups: true = stacked
extern int gAutoTextId;                  // ids of unnamed paragraphs, per column

float columnRight();
// Width an item may take: a whole flow line, or the rest of the column.
float availWidth();
// Places the next item (w x h) of the current flow by moving the cursor to it,
// on the next line when it does not fit; nothing outside a flow.
void flowPlace(float w, float h);
bool inStackedButtonGroup();

// One line of wrapped text: [b, e) and its width.
struct Line {
    const char* b;
    const char* e;
    float w;
};
// The lines ImGui's word wrap gives `text` at `wrapWidth` in the current font
// (a word longer than the line is cut, as ImGui does). maxW: widest line.
std::vector<Line> wrapLines(std::string_view text, float wrapWidth, float* maxW = nullptr);
// Draws lines from `pos`, each left-aligned or centred in boxW; underline for links.
void drawLines(const std::vector<Line>& lines, ImVec2 pos, ImU32 col, float boxW, bool center, float underline = 0.f);
// The empty space above the glyphs in the current font's line box (CSS
// half-leading), to draw text tightly in small boxes (badges).
float halfLeading();
float glyphBox();

std::string idString(std::string_view id);
void placeNode(SemNode& n, ImVec2 min, ImVec2 max);
// Scrolls the current window so the item just submitted is visible, once,
// when its DOM element received focus from the keyboard or assistive technology.
void scrollToIfFocusedNow(std::string_view id);
ImU32 toneColor(Tone t);

}  // namespace alin::ui::detail
