// The body of one frame, written once for the browser (src/platform/main_web.cpp)
// and the native UI harness (tests/ui/ui_harness.h), so what the tests run is what
// the page runs, error recovery included.
#include <exception>
#include <string>
#include <utility>

#include "client/app.h"
#include "client/ui/semantics.h"
#include "imgui.h"
#include "imgui_internal.h"
#include "platform/platform.h"

namespace alin::client {

double App::runFrame(std::vector<platform::SemanticEvent> events, float scrollDelta, void (*backendNewFrame)()) {
    ui::semantics().beginFrame(std::move(events));
    if (backendNewFrame) backendNewFrame();
    ImGui::NewFrame();
    try {
        frame(scrollDelta);
    } catch (const std::exception& e) {
        // A screen or a reply handler stopped the frame (malformed data): close
        // whatever the interrupted frame left open, say so in the banner, keep running.
        ImGui::ErrorCheckEndFrameRecover(nullptr);
        platform::logWarning(std::string("frame error: ") + e.what());
        recoverFromError(e.what());
    }
    const double semanticsStart = platform::nowMs();
    ui::semantics().endFrame();
    return platform::nowMs() - semanticsStart;
}

}  // namespace alin::client
