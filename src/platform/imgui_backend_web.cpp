// ImGui's OpenGL3 renderer for the browser build, with one change made from the
// outside: its per-frame GL state backup. ImGui_ImplOpenGL3_RenderDrawData saves
// and restores about fifteen glGetIntegerv values every frame; in Chrome each is a
// synchronous round trip to the GPU process (measured: ~1.9 ms of a ~3.7 ms frame
// while scrolling the offer list). The app owns its WebGL context and leaves it in
// the default state between frames, so those queries are answered from what is
// known (alinGlGetIntegerv in main_web.cpp); any other query still goes to WebGL.
#define glGetIntegerv alinGlGetIntegerv
#include "backends/imgui_impl_opengl3.cpp"
