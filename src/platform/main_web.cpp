// Browser entry point: WebGL2 context, ImGui, the frame loop. Input comes from
// shell/alin-shell.js (pointer, wheel, viewport) and the semantic DOM layer.
#include <GLES3/gl3.h>
#include <emscripten.h>
#include <emscripten/heap.h>
#include <emscripten/html5.h>
#include <malloc.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <string>
#include <utility>

#include "client/app.h"
#include "client/ui/font_scale.h"
#include "client/ui/forced_colors.h"
#include "client/ui/layout_probe.h"
#include "client/ui/semantics.h"
#include "client/ui/theme.h"
#include "imgui.h"
#include "imgui_impl_opengl3.h"
#include "imgui_internal.h"
#include "platform/platform.h"

namespace {

alin::client::App* gApp = nullptr;
float gPixelRatio = 0.f;
int gCanvasW = 0, gCanvasH = 0;
int gQuietFrames = 0;
size_t gLastInFlight = 0;
std::string gLastRoute;
bool gFirstFrame = true;
// Benchmarks only (?bench=1&record=alternate): every other drawn frame records no
// semantic node (reported as drawn = 2), so the recording's cost shows as the
// difference between neighbouring frames of the same page.
bool gRecordAlternately = false;
bool gRecordThisFrame = true;
alin::platform::FrameInput gLastInput;

EM_JS(void, js_report_heap, (double total, double used), { AlinShell.heap = {total : total, used : used}; });

// The build is split (shell/alin-loader.js): while the second part is still on its
// way, a frame with new input waits for it (the input stays queued in the shell)
// rather than load it synchronously, which in Firefox drops the clicks made meanwhile.
EM_JS(int, js_hold_frame, (), { return AlinShell.holdFrame && AlinShell.holdFrame() ? 1 : 0; });

EM_JS(void, js_report_frame, (double totalMs, double semanticsMs, int rendered),
      { AlinShell.reportFrame(totalMs, semanticsMs, rendered); });

// Layout probe for the browser tests (tests/e2e/phones.test.mjs): when the page
// sets window.__alinLayoutProbe, every drawn frame publishes window.__alinLayout:
// the horizontal extent of the text drawn (glyph quads, in CSS px), how many
// glyph vertices fall outside their clip rectangle horizontally (cut-off
// text), and the metrics of the fonts (to compare with the browser's own).
EM_JS(int, js_probe_wanted, (), { return window.__alinLayoutProbe ? 1 : 0; });
EM_JS(void, js_probe_report, (const char* json), { window.__alinLayout = JSON.parse(UTF8ToString(json)); });

void probeLayout() {
    if (!js_probe_wanted()) return;
    alin::ui::DrawnText t = alin::ui::measureDrawnText(ImGui::GetDrawData());
    std::string json = "{\"textMinX\":" + std::to_string(t.minX) + ",\"textMaxX\":" + std::to_string(t.maxX) +
                       ",\"cutGlyphVertices\":" + std::to_string(t.cutVertices) +
                       ",\"width\":" + std::to_string(ImGui::GetIO().DisplaySize.x) + ",\"fonts\":{";
    const auto& f = alin::ui::fonts();
    const std::pair<const char*, ImFont*> list[] = {
        {"body", f.body}, {"bold", f.bold}, {"small", f.small}, {"h1", f.h1}, {"h2", f.h2}};
    static const char* kSample = "Votre demande de logement social a bien \xC3\xA9t\xC3\xA9 mise \xC3\xA0 jour.";
    bool first = true;
    for (const auto& [name, font] : list) {
        float scale = ImGui::GetIO().FontGlobalScale;
        ImVec2 size = font->CalcTextSizeA(font->FontSize * scale, FLT_MAX, 0.f, kSample);
        const ImFontGlyph* h = font->FindGlyph('H');
        json += std::string(first ? "" : ",") + "\"" + name +
                "\":{\"lineHeight\":" + std::to_string(font->FontSize * scale) +
                ",\"sampleWidth\":" + std::to_string(size.x) +
                ",\"capHeight\":" + std::to_string(h ? (h->Y1 - h->Y0) * scale : 0.f) + "}";
        first = false;
    }
    json += std::string("},\"sample\":\"") + kSample + "\"}";
    js_probe_report(json.c_str());
}

bool inputChanged(const alin::platform::FrameInput& a, const alin::platform::FrameInput& b) {
    return a.width != b.width || a.height != b.height || a.pixelRatio != b.pixelRatio || a.mouseX != b.mouseX ||
           a.mouseY != b.mouseY || a.mouseDown != b.mouseDown || a.scrollDelta != 0.f ||
           a.forcedColors != b.forcedColors;
}

void frame() {
    if (!gFirstFrame && js_hold_frame()) return;
    double t0 = emscripten_get_now();
    // The wasm memory and the part malloc uses, once a second (benchmarks read it).
    static double lastHeapReport = -1e9;
    if (t0 - lastHeapReport > 1000) {
        lastHeapReport = t0;
        struct mallinfo mi = mallinfo();
        js_report_heap(static_cast<double>(emscripten_get_heap_size()), static_cast<double>(mi.uordblks));
    }
    alin::platform::FrameInput in = alin::platform::pollInput();
    auto events = alin::platform::takeSemanticEvents();
    std::string route = alin::platform::currentRoute();
    size_t inFlight = gApp->inFlight();
    // Idle frames cost nothing: draw only when something may have changed.
    bool dirty = gFirstFrame || inputChanged(in, gLastInput) || !events.empty() || route != gLastRoute ||
                 inFlight != gLastInFlight || inFlight > 0 || gApp->state().bench.animate > 0;
    // Only real input keeps a kiosk session alive: not focus or blur (a dialog
    // opening moves focus), not a resize.
    if (in.activity != gLastInput.activity) gApp->noteActivity(t0);
    if (gFirstFrame || in.forcedColors != gLastInput.forcedColors) {
        alin::platform::ContrastPalette palette;
        if (in.forcedColors) palette = alin::platform::systemColors();
        alin::ui::setForcedColors(in.forcedColors ? &palette : nullptr);
    }
    // Kiosks check their inactivity timer once a second even when idle.
    static double lastKioskCheck = 0;
    // (Only near the warning or during it: a full-screen redraw every second costs a
    // large kiosk screen's whole frame budget in software rendering.)
    if (gApp->state().kiosk && t0 - lastKioskCheck > 1000 && gApp->kioskTimerDue(t0)) {
        lastKioskCheck = t0;
        dirty = true;
    }
    gLastInput = in;
    gLastRoute = route;
    gLastInFlight = inFlight;
    if (dirty) gQuietFrames = 0;
    if (gQuietFrames > 4) {  // a few extra frames let hover/press states settle
        js_report_frame(emscripten_get_now() - t0, 0, 0);
        return;
    }
    ++gQuietFrames;

    ImGuiIO& io = ImGui::GetIO();
    // (Again when the text scale changed: a kiosk screen's larger text.)
    if (in.pixelRatio != gPixelRatio || alin::ui::fontsStale()) {
        gPixelRatio = in.pixelRatio;
        alin::ui::loadFonts(gPixelRatio);
        ImGui_ImplOpenGL3_DestroyFontsTexture();
        ImGui_ImplOpenGL3_CreateFontsTexture();
    }
    int cw = static_cast<int>(std::lround(in.width * in.pixelRatio));
    int ch = static_cast<int>(std::lround(in.height * in.pixelRatio));
    if (cw != gCanvasW || ch != gCanvasH) {
        gCanvasW = cw;
        gCanvasH = ch;
        emscripten_set_canvas_element_size("#canvas", cw, ch);
    }
    io.DisplaySize = ImVec2(in.width, in.height);
    io.DisplayFramebufferScale = ImVec2(in.pixelRatio, in.pixelRatio);
    io.MousePos = in.mouseX < 0 ? ImVec2(-FLT_MAX, -FLT_MAX) : ImVec2(in.mouseX, in.mouseY);
    io.MouseDown[0] = in.mouseDown;
    io.DeltaTime = 1.f / 60.f;

    if (gRecordAlternately) {
        gRecordThisFrame = !gRecordThisFrame;
        alin::ui::semantics().setRecording(gRecordThisFrame);
    }
    const double semMs = gApp->runFrame(std::move(events), in.scrollDelta, [] { ImGui_ImplOpenGL3_NewFrame(); });
    ImGui::Render();
    alin::ui::applyForcedColors(ImGui::GetDrawData());
    float clear[3];
    alin::ui::clearColor(clear);
    glViewport(0, 0, gCanvasW, gCanvasH);
    glClearColor(clear[0], clear[1], clear[2], 1.f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    probeLayout();
    if (gFirstFrame) {
        gFirstFrame = false;
        alin::platform::firstFrameDrawn();
    }
    js_report_frame(emscripten_get_now() - t0, semMs, gRecordThisFrame ? 1 : 2);
}

}  // namespace

// Answers ImGui's per-frame GL state backup without WebGL round trips
// (imgui_backend_web.cpp). Between frames the app leaves the context in GL's
// default state: nothing bound, texture unit 0, blending (ONE, ZERO, FUNC_ADD),
// viewport and scissor box of the whole canvas. Other queries go to WebGL.
extern "C" void alinGlGetIntegerv(GLenum pname, GLint* data) {
    switch (pname) {
        case GL_CURRENT_PROGRAM:
        case GL_TEXTURE_BINDING_2D:
        case GL_SAMPLER_BINDING:
        case GL_ARRAY_BUFFER_BINDING:
        case GL_ELEMENT_ARRAY_BUFFER_BINDING:
        case GL_VERTEX_ARRAY_BINDING:
            *data = 0;
            return;
        case GL_ACTIVE_TEXTURE:
            *data = GL_TEXTURE0;
            return;
        case GL_BLEND_SRC_RGB:
        case GL_BLEND_SRC_ALPHA:
            *data = GL_ONE;
            return;
        case GL_BLEND_DST_RGB:
        case GL_BLEND_DST_ALPHA:
            *data = GL_ZERO;
            return;
        case GL_BLEND_EQUATION_RGB:
        case GL_BLEND_EQUATION_ALPHA:
            *data = GL_FUNC_ADD;
            return;
        case GL_VIEWPORT:
        case GL_SCISSOR_BOX:
            data[0] = 0;
            data[1] = 0;
            data[2] = gCanvasW;
            data[3] = gCanvasH;
            return;
        default:
            glGetIntegerv(pname, data);
            return;
    }
}

namespace alin::platform {
void initWeb();
}

int main() {
    alin::platform::initWeb();
    EmscriptenWebGLContextAttributes attrs;
    emscripten_webgl_init_context_attributes(&attrs);
    attrs.majorVersion = 2;
    attrs.minorVersion = 0;
    attrs.alpha = false;
    attrs.depth = false;
    attrs.stencil = false;
    attrs.antialias = false;
    attrs.preserveDrawingBuffer = false;
    EMSCRIPTEN_WEBGL_CONTEXT_HANDLE ctx = emscripten_webgl_create_context("#canvas", &attrs);
    if (ctx <= 0) {
        EM_ASM({ AlinShell.fatal("webgl"); });
        return 1;
    }
    emscripten_webgl_make_context_current(ctx);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.LogFilename = nullptr;
    io.ConfigWindowsMoveFromTitleBarOnly = true;
    alin::ui::applyTheme();
    ImGui_ImplOpenGL3_Init("#version 300 es");

    alin::client::AppOptions options;
    options.demo = alin::platform::queryParam("demo").value_or("") == "1";
    options.kiosk = alin::platform::queryParam("kiosk").value_or("") == "1";
    options.bench = alin::platform::queryParam("bench").value_or("") == "1";
    options.pageBase = alin::platform::pageBaseUrl();
    gApp = new alin::client::App(options);
    gApp->state().bench.animate =
        options.bench ? std::atoi(alin::platform::queryParam("animate").value_or("0").c_str()) : 0;
    // web-bench.mjs: the layer's recording cost, by difference with frames that record nothing.
    if (options.bench) gRecordAlternately = alin::platform::queryParam("record").value_or("") == "alternate";
    emscripten_set_main_loop(frame, 0, false);
    return 0;
}
