// The kiosk's on-screen keyboard, without drawing: its layers (AZERTY letters
// with the French accents, numbers and symbols, a numeric pad), the keys'
// accessible names, their placement at a given width (every key at least
// 44 x 44 CSS px: a row that does not fit is split in two) and what a key does
// to the text being typed. Pure C++, unit-tested; drawn by kiosk_ui.cpp.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace alin::ui::osk {

// MultiLine: the letters of a multi-line field (ui::TextArea), with a key that
// types a new line.
enum class Layer { Letters, Symbols, Digits, MultiLine };
enum class Action { Text, Shift, Backspace, Space, ToLetters, ToSymbols, ToDigits, Close, NewLine };

struct Key {
    const char* id;       // stable: "osk.<id>" in the semantic layer
    const char* lower;    // text typed (or the visible label of a command key)
    const char* upper;    // with shift (letters); nullptr = same as lower
    const char* nameKey;  // catalogue key of the accessible name; nullptr = the text itself
    Action action = Action::Text;
    float units = 1.f;  // relative width in its row
};

inline constexpr float kMinKey = 44.f;  // WCAG 2.5.5 target size, CSS px

struct PlacedKey {
    const Key* key;
    float x, y, w, h;  // relative to the keyboard's top-left corner
};
struct Placement {
    std::vector<PlacedKey> keys;
    float height = 0;
};

// The rows of a layer.
const std::vector<std::vector<Key>>& rows(Layer layer);
// The keys placed in a keyboard `width` px wide.
Placement place(Layer layer, float width);
// The layer a field opens on: the numeric pad for digit fields (input type
// "tel", or digitPad set by the field), the letters with a new-line key for a
// multi-line field (input type "textarea"), letters otherwise.
Layer layerFor(std::string_view inputType, bool digitPad);

// The visible label of a key (shifted letters in upper case; command keys from the catalogue).
std::string label(const Key& key, bool shift);
// The accessible name ("e accent aigu", "Majuscule", "Effacer"; "E accent aigu" with shift).
std::string name(const Key& key, bool shift);
// The text after pressing a Text, Space, NewLine or Backspace key (Backspace
// removes the last UTF-8 character). Other keys leave it unchanged.
std::string apply(const Key& key, bool shift, std::string text);
// Finds a key of a layer by its id (nullptr when absent).
const Key* find(Layer layer, std::string_view id);

}  // namespace alin::ui::osk
