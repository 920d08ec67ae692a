// Benchmark screen (route #/banc-d-essai, only with ?bench=1): 300 mirrored
// widgets, to measure the semantic layer's cost per frame.
#include <string>

#include "client/screens/screens.h"
#include "client/ui/widgets.h"
#include "imgui.h"

namespace alin::client {

void DrawBench(AppState& s) {
    ui::BeginColumn(720);
    ui::Heading("bench.title", "Banc d'essai : 300 widgets", 1);
    // With animate=2 one label changes per frame, forcing a DOM sync every frame
    // (the worst case); with animate=1 the tree is unchanged (diff only).
    for (int i = 0; i < 100; ++i) {
        std::string idx = std::to_string(i);
        std::string label = "Bouton " + idx;
        if (s.bench.animate == 2 && i == s.bench.tick % 100) label += " *";
        ui::Button("bench.b" + idx, label, ui::ButtonKind::Secondary);
        ui::TextField("bench.f" + idx, "Champ " + idx, s.bench.fields[i]);
        ui::Checkbox("bench.c" + idx, "Case " + idx, s.bench.checks[i]);
    }
    // animate=3 scrolls by one pixel back and forth: every node moves (worst case).
    if (s.bench.animate == 3) ImGui::SetScrollY(s.bench.tick % 2 ? 1.f : 0.f);
    ++s.bench.tick;
    ui::EndColumn();
}

}  // namespace alin::client
