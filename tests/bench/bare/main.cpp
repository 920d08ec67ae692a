// Baseline for the first-frame benchmark: a bare ImGui window on GLFW/WebGL2,
// built by the same toolchain, publishing the same "first frame drawn" signal.
#include <GLFW/glfw3.h>
#include <emscripten.h>

#include "imgui.h"
#include "imgui_impl_glfw.h"
#include "imgui_impl_opengl3.h"

static GLFWwindow* gWindow = nullptr;
static bool gFirst = true;

static void frame() {
    glfwPollEvents();
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    ImGui::NewFrame();
    ImGui::Begin("Bare ImGui");
    ImGui::Text("Hello");
    ImGui::Button("Button");
    ImGui::End();
    ImGui::Render();
    int w, h;
    glfwGetFramebufferSize(gWindow, &w, &h);
    glViewport(0, 0, w, h);
    glClearColor(1, 1, 1, 1);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    if (gFirst) {
        gFirst = false;
        EM_ASM({
            window.__alinFirstFrame = performance.now();
            document.body.dataset.ready = '1';
        });
    }
}

int main() {
    if (!glfwInit()) return 1;
    glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
    gWindow = glfwCreateWindow(1280, 800, "bare", nullptr, nullptr);
    glfwMakeContextCurrent(gWindow);
    ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr;
    ImGui::GetIO().Fonts->AddFontDefault();
    ImGui_ImplGlfw_InitForOpenGL(gWindow, true);
    ImGui_ImplOpenGL3_Init("#version 300 es");
    emscripten_set_main_loop(frame, 0, false);
    return 0;
}
