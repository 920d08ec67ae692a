#include "client/ui/text_wrap.h"

#include "imgui_internal.h"

namespace alin::ui {

std::string BreakFrenchLines(std::string_view text, float width, ImFont* font, float fontSize) {
    if (!font || width <= 0.f) return std::string(text);
    auto measure = [&](std::size_t from, std::size_t to) {
        return font->CalcTextSizeA(fontSize, FLT_MAX, 0.f, text.data() + from, text.data() + to).x;
    };
    // A little slack so that ImGui, measuring the same line, never finds it too wide.
    const float limit = width - 1.f;
    std::string out;
    out.reserve(text.size());
    std::size_t lineStart = 0;  // in text
    std::size_t i = 0;
    while (i <= text.size()) {
        // The next word: up to an ordinary space, a newline or the end.
        std::size_t end = i;
        while (end < text.size() && text[end] != ' ' && text[end] != '\n') ++end;
        if (i > lineStart && measure(lineStart, end) > limit) {
            // Break at the space before this word.
            out.back() = '\n';
            lineStart = i;
        }
        out.append(text.substr(i, end - i));
        if (end >= text.size()) break;
        out.push_back(text[end]);
        if (text[end] == '\n') lineStart = end + 1;
        i = end + 1;
    }
    return out;
}

std::string BreakFrenchLines(std::string_view text) {
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    const float width = ImGui::CalcWrapWidthForPos(window->DC.CursorPos, window->DC.TextWrapPos);
    return BreakFrenchLines(text, width, ImGui::GetFont(), ImGui::GetFontSize());
}

}  // namespace alin::ui
