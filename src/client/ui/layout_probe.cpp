#include "client/ui/layout_probe.h"

#include <algorithm>

namespace alin::ui {

DrawnText measureDrawnText(const ImDrawData* dd) {
    DrawnText t;
    if (!dd) return t;
    ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    ImVec2 white = atlas->TexUvWhitePixel;
    // Shapes sample the white pixel; anti-aliased lines sample their baked
    // texture: every other textured vertex belongs to a glyph.
    ImVec2 lines0(1, 1), lines1(0, 0);
    if (atlas->TexWidth > 0 && atlas->TexHeight > 0) {
        if (const ImFontAtlasCustomRect* r = atlas->GetCustomRectByIndex(atlas->PackIdLines)) {
            lines0 = ImVec2(r->X / float(atlas->TexWidth), r->Y / float(atlas->TexHeight));
            lines1 = ImVec2((r->X + r->Width) / float(atlas->TexWidth), (r->Y + r->Height) / float(atlas->TexHeight));
        }
    }
    float minX = 1e9f, maxX = -1e9f;
    for (int l = 0; l < dd->CmdListsCount; ++l) {
        const ImDrawList* dl = dd->CmdLists[l];
        for (const ImDrawCmd& cmd : dl->CmdBuffer) {
            if (cmd.UserCallback) continue;
            for (unsigned i = 0; i < cmd.ElemCount; ++i) {
                const ImDrawVert& v = dl->VtxBuffer[dl->IdxBuffer[cmd.IdxOffset + i] + cmd.VtxOffset];
                if (v.uv.x == white.x && v.uv.y == white.y) continue;
                if (v.uv.x >= lines0.x && v.uv.x <= lines1.x && v.uv.y >= lines0.y && v.uv.y <= lines1.y) continue;
                // Scrolled out of view vertically: not on screen.
                if (v.pos.y < cmd.ClipRect.y - 1 || v.pos.y > cmd.ClipRect.w + 1) continue;
                ++t.glyphVertices;
                minX = std::min(minX, v.pos.x);
                maxX = std::max(maxX, v.pos.x);
                if (v.pos.x > cmd.ClipRect.z + 0.5f || v.pos.x < cmd.ClipRect.x - 0.5f) ++t.cutVertices;
            }
        }
    }
    if (t.glyphVertices) {
        t.minX = minX;
        t.maxX = maxX;
    }
    return t;
}

}  // namespace alin::ui
