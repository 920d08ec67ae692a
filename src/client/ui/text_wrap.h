// Line breaking for French text (issue 11 item 9). ImGui breaks after . , ; ! ?
// even inside a word, so an e-mail address could end a line at "anne." and a
// "?" could leave its "»" on the next line. These functions choose the breaks
// themselves, only at ordinary spaces (U+0020) and '\n': never at U+00A0 or
// U+202F, never inside an e-mail address or a hyphenated commune name. They
// return the text with '\n' in place of the chosen spaces, every line fitting
// the width, so ImGui draws it without breaking again. A single word wider
// than the width is left as it is (ImGui cuts it).
#pragma once
#include <string>
#include <string_view>

#include "imgui.h"

namespace alin::ui {

std::string BreakFrenchLines(std::string_view text, float width, ImFont* font, float fontSize);
// With the current font, for text drawn at the cursor with ImGui::TextWrapped.
std::string BreakFrenchLines(std::string_view text);

}  // namespace alin::ui
