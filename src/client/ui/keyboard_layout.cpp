#include "client/ui/keyboard_layout.h"

#include <algorithm>

#include "i18n/catalog.h"

namespace alin::ui::osk {

namespace {

using A = Action;

Key letter(const char* id, const char* lower, const char* upper) {
    return Key{id, lower, upper, nullptr, A::Text, 1.f};
}
Key text(const char* id, const char* s, const char* nameKey) {
    return Key{id, s, nullptr, nameKey, A::Text, 1.f};
}
Key command(const char* id, const char* labelKey, const char* nameKey, Action a, float units) {
    return Key{id, labelKey, nullptr, nameKey, a, units};
}

std::vector<std::vector<Key>> makeLetters() {
    std::vector<std::vector<Key>> r(5);
    static const char* kLower[] = {"a", "z", "e", "r", "t", "y", "u", "i", "o", "p", "q", "s", "d",
                                   "f", "g", "h", "j", "k", "l", "m", "w", "x", "c", "v", "b", "n"};
    static const char* kUpper[] = {"A", "Z", "E", "R", "T", "Y", "U", "I", "O", "P", "Q", "S", "D",
                                   "F", "G", "H", "J", "K", "L", "M", "W", "X", "C", "V", "B", "N"};
    for (int i = 0; i < 10; ++i) r[0].push_back(letter(kLower[i], kLower[i], kUpper[i]));
    for (int i = 10; i < 20; ++i) r[1].push_back(letter(kLower[i], kLower[i], kUpper[i]));
    r[2].push_back(command("shift", "kiosk.key.shift_label", "kiosk.key.shift", A::Shift, 1.5f));
    for (int i = 20; i < 26; ++i) r[2].push_back(letter(kLower[i], kLower[i], kUpper[i]));
    r[2].push_back(text("apostrophe", "'", "kiosk.key.apostrophe"));
    r[2].push_back(command("backspace", "kiosk.key.backspace", "kiosk.key.backspace", A::Backspace, 1.5f));
    // The accented letters, as UTF-8 escapes (characters of a layout, not wording:
    // the source stays ASCII outside the catalogue).
    r[3] = {
        Key{"eacute", "\u00E9", "\u00C9", "kiosk.key.eacute", A::Text, 1.f},
        Key{"egrave", "\u00E8", "\u00C8", "kiosk.key.egrave", A::Text, 1.f},
        Key{"ecirc", "\u00EA", "\u00CA", "kiosk.key.ecirc", A::Text, 1.f},
        Key{"agrave", "\u00E0", "\u00C0", "kiosk.key.agrave", A::Text, 1.f},
        Key{"ccedil", "\u00E7", "\u00C7", "kiosk.key.ccedil", A::Text, 1.f},
        Key{"ugrave", "\u00F9", "\u00D9", "kiosk.key.ugrave", A::Text, 1.f},
        Key{"ocirc", "\u00F4", "\u00D4", "kiosk.key.ocirc", A::Text, 1.f},
        Key{"icirc", "\u00EE", "\u00CE", "kiosk.key.icirc", A::Text, 1.f},
        Key{"iuml", "\u00EF", "\u00CF", "kiosk.key.iuml", A::Text, 1.f},
        Key{"euml", "\u00EB", "\u00CB", "kiosk.key.euml", A::Text, 1.f},
    };
    r[4].push_back(command("symbols", "kiosk.key.symbols_label", "kiosk.key.symbols", A::ToSymbols, 1.5f));
    r[4].push_back(text("at", "@", "kiosk.key.at"));
    r[4].push_back(text("dot", ".", "kiosk.key.dot"));
    r[4].push_back(text("dash", "-", "kiosk.key.dash"));
    r[4].push_back(command("space", "kiosk.key.space", "kiosk.key.space", A::Space, 3.5f));
    r[4].push_back(command("close", "kiosk.key.close_label", "kiosk.key.close", A::Close, 2.f));
    return r;
}

// The letters of a multi-line field: the space bar gives room to a new-line key.
std::vector<std::vector<Key>> makeMultiLine() {
    std::vector<std::vector<Key>> r = makeLetters();
    std::vector<Key>& last = r.back();
    for (Key& k : last)
        if (k.action == A::Space) k.units = 2.5f;
    last.insert(last.end() - 1, command("newline", "kiosk.key.newline_label", "kiosk.key.newline", A::NewLine, 2.f));
    return r;
}

std::vector<std::vector<Key>> makeSymbols() {
    std::vector<std::vector<Key>> r(4);
    static const char* kDigits[] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "0"};
    for (const char* d : kDigits) r[0].push_back(text(d, d, nullptr));
    r[1] = {text("at", "@", "kiosk.key.at"),
            text("dot", ".", "kiosk.key.dot"),
            text("dash", "-", "kiosk.key.dash"),
            text("underscore", "_", "kiosk.key.underscore"),
            text("apostrophe", "'", "kiosk.key.apostrophe"),
            text("slash", "/", "kiosk.key.slash"),
            text("colon", ":", "kiosk.key.colon"),
            text("lparen", "(", "kiosk.key.lparen"),
            text("rparen", ")", "kiosk.key.rparen"),
            text("plus", "+", "kiosk.key.plus")};
    r[2] = {text("exclam", "!", "kiosk.key.exclam"),
            text("question", "?", "kiosk.key.question"),
            text("comma", ",", "kiosk.key.comma"),
            text("semicolon", ";", "kiosk.key.semicolon"),
            text("amp", "&", "kiosk.key.amp"),
            text("hash", "#", "kiosk.key.hash"),
            text("percent", "%", "kiosk.key.percent"),
            text("star", "*", "kiosk.key.star"),
            text("euro", "\u20AC", "kiosk.key.euro"),  // the euro sign
            command("backspace", "kiosk.key.backspace", "kiosk.key.backspace", A::Backspace, 1.5f)};
    r[3] = {command("letters", "kiosk.key.letters_label", "kiosk.key.letters", A::ToLetters, 2.f),
            command("space", "kiosk.key.space", "kiosk.key.space", A::Space, 5.f),
            command("close", "kiosk.key.close_label", "kiosk.key.close", A::Close, 2.f)};
    return r;
}

std::vector<std::vector<Key>> makeDigits() {
    std::vector<std::vector<Key>> r(5);
    static const char* kDigits[] = {"1", "2", "3", "4", "5", "6", "7", "8", "9"};
    for (int i = 0; i < 9; ++i) r[static_cast<size_t>(i / 3)].push_back(text(kDigits[i], kDigits[i], nullptr));
    r[3] = {command("letters", "kiosk.key.letters_label", "kiosk.key.letters", A::ToLetters, 1.f),
            text("0", "0", nullptr),
            command("backspace", "kiosk.key.backspace", "kiosk.key.backspace", A::Backspace, 1.f)};
    r[4] = {command("close", "kiosk.key.close_label", "kiosk.key.close", A::Close, 3.f)};
    return r;
}

// Upper-cases the first letter of an ASCII name ("e accent aigu" -> "E accent aigu").
std::string capitalised(std::string s) {
    if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
    return s;
}

bool isCommand(const Key& k) {
    return k.action != A::Text;
}

}  // namespace

const std::vector<std::vector<Key>>& rows(Layer layer) {
    static const auto letters = makeLetters();
    static const auto symbols = makeSymbols();
    static const auto digits = makeDigits();
    static const auto multiLine = makeMultiLine();
    switch (layer) {
        case Layer::Letters:
            return letters;
        case Layer::Symbols:
            return symbols;
        case Layer::Digits:
            return digits;
        case Layer::MultiLine:
            break;
    }
    return multiLine;
}

Placement place(Layer layer, float width) {
    const float margin = 8.f, gap = 6.f;
    // Keys grow with the screen up to a comfortable size; the numeric pad stays compact.
    const float keyH = width >= 600.f ? 64.f : 52.f;
    const float maxUnit = layer == Layer::Digits ? 140.f : 96.f;
    float inner = std::max(0.f, width - 2 * margin);
    Placement out;
    float y = margin;
    for (const auto& row : rows(layer)) {
        // A row whose keys would be narrower than kMinKey is split into parts that fit.
        std::vector<std::pair<size_t, size_t>> parts{{0, row.size()}};
        for (size_t p = 0; p < parts.size();) {
            auto [b, e] = parts[p];
            float units = 0;
            float minUnits = 1e9f;
            for (size_t i = b; i < e; ++i) {
                units += row[i].units;
                minUnits = std::min(minUnits, row[i].units);
            }
            float unit = (inner - gap * static_cast<float>(e - b - 1)) / units;
            if (unit * minUnits >= kMinKey || e - b <= 1) {
                ++p;
                continue;
            }
            size_t mid = b + (e - b + 1) / 2;
            parts[p] = {b, mid};
            parts.insert(parts.begin() + static_cast<long>(p) + 1, {mid, e});
        }
        for (auto [b, e] : parts) {
            float units = 0;
            for (size_t i = b; i < e; ++i) units += row[i].units;
            float unit = std::min(maxUnit, (inner - gap * static_cast<float>(e - b - 1)) / units);
            float rowW = unit * units + gap * static_cast<float>(e - b - 1);
            float x = margin + (inner - rowW) * 0.5f;  // centred
            for (size_t i = b; i < e; ++i) {
                float w = std::max(kMinKey, unit * row[i].units);
                out.keys.push_back(PlacedKey{&row[i], x, y, w, keyH});
                x += w + gap;
            }
            y += keyH + gap;
        }
    }
    out.height = y - gap + margin;
    return out;
}

Layer layerFor(std::string_view inputType, bool digitPad) {
    if (digitPad || inputType == "tel") return Layer::Digits;
    return inputType == "textarea" ? Layer::MultiLine : Layer::Letters;
}

std::string label(const Key& key, bool shift) {
    if (isCommand(key)) return tr(key.lower);
    return shift && key.upper ? key.upper : key.lower;
}

std::string name(const Key& key, bool shift) {
    if (!key.nameKey) return label(key, shift);
    std::string n = tr(key.nameKey);
    return shift && key.upper && !isCommand(key) ? capitalised(n) : n;
}

std::string apply(const Key& key, bool shift, std::string text) {
    switch (key.action) {
        case A::Text:
            text += shift && key.upper ? key.upper : key.lower;
            break;
        case A::Space:
            text += ' ';
            break;
        case A::NewLine:
            text += '\n';
            break;
        case A::Backspace:
            // Back over UTF-8 continuation bytes (10xxxxxx) to the character's first byte.
            while (!text.empty() && (static_cast<unsigned char>(text.back()) & 0xC0) == 0x80) text.pop_back();
            if (!text.empty()) text.pop_back();
            break;
        default:
            break;
    }
    return text;
}

const Key* find(Layer layer, std::string_view id) {
    for (const auto& row : rows(layer))
        for (const Key& k : row)
            if (id == k.id) return &k;
    return nullptr;
}

}  // namespace alin::ui::osk
