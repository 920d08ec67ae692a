// Kiosk mode widgets (?kiosk=1): the on-screen keyboard drawn by the app, and
// the QR code that replaces an external link (nothing leaves the kiosk).
//
// The keyboard opens when a text field takes focus and closes with its own key
// or when focus leaves the text fields. A key press becomes an input event of
// the focused field, the same one the DOM <input> sends for physical typing
// (Semantics::injectInput), and the DOM input takes the new value (bumpValue):
// the ImGui buffer, the DOM value and the screen reader stay in sync.
#pragma once
#include <string>
#include <string_view>

#include "imgui.h"

namespace alin::ui::kiosk {

void setEnabled(bool on);
bool enabled();
// The smallest touch target in kiosk mode (44 CSS px), else `normal`.
float minTarget(float normal);

// Text fields report themselves every frame (TextField does).
void noteField(std::string_view id, std::string_view inputType, bool digitPad, const std::string& value);
// Dialogs report themselves every frame (BeginDialog): the keyboard is then
// mirrored inside the dialog, within its focus trap.
void noteDialog(std::string_view id);
// True once when the field should be scrolled into view above the keyboard.
bool takeReveal(std::string_view id);

// Start of a frame, after the DOM events arrived and before anything is drawn:
// focus changes open or close the keyboard, key presses are typed.
void beginFrame();
// Height of the open keyboard at this width (0 when closed).
float keyboardHeight(float width);
// Draws the keyboard across the window, its top-left corner at `pos`.
void drawKeyboard(ImVec2 pos, float width);
bool keyboardOpen();
// A key of the keyboard is being pressed on the canvas (since the last frame).
bool keyHeld();
std::string_view keyboardTarget();

// External addresses (http, tel, mailto): shown as a QR code, never opened.
bool isExternal(std::string_view href);
void showExternal(std::string_view url);
const std::string& externalShown();
void closeExternal();
// A QR code of `text`, `side` px square (quiet zone included), at the cursor.
// Mirrored as a text node named `name`. False when the text is too long.
bool QrCode(std::string_view id, std::string_view text, float side, std::string_view name);

// Forgets everything (end of a kiosk session).
void reset();

}  // namespace alin::ui::kiosk
