// The semantic DOM layer, C++ side. Every widget drawn through ui::* records a
// node (ARIA role, accessible name = visible label, state, rectangle); at the
// end of the frame the tree is sent to shell/alin-shell.js when it changed.
// Events from the DOM (click, input, toggle, focus, scroll) come back here and
// are consumed by the widget with the same stable id on the next frame.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "platform/platform.h"

namespace alin::ui {

enum class Role : uint8_t {
    Button,
    Link,
    TextBox,
    Password,
    Checkbox,
    Radio,
    Tab,
    TabList,
    Heading,
    Text,
    Dialog,
    Region,
    Alert,
    Status,
    List,
    ListItem,
    Group,
    ComboBox,
    ListBox,
    Option,
    Navigation,
    RadioGroup,
    AlertDialog,  // a dialog that asks for an answer now (kiosk warning)
    TabPanel,     // the content of the selected tab (ref = that tab's id)
    Main          // the main landmark (the screen, without the navigation)
};

struct SemNode {
    std::string id;
    Role role = Role::Text;
    std::string name;                  // accessible name (the visible label)
    std::string value;                 // text fields
    uint32_t valueRev = 0;             // bumped when C++ changes the value itself
    std::string inputType;             // "email", "tel", "text" (TextBox)
    std::string autocomplete;          // "email", "current-password", "new-password", ...
    std::string href;                  // links
    std::string error;                 // message shown at the field (aria-describedby)
    std::string description;           // extra hint (aria-describedby)
    std::string parent;                // container id, empty = root
    int level = 0;                     // headings
    float x = 0, y = 0, w = 0, h = 0;  // CSS pixels, page coordinates
    bool checked = false, selected = false, disabled = false, expanded = false;
    bool invalid = false, required = false, clip = false, newTab = false;
    bool current = false;           // aria-current (navigation link, tracker step)
    bool expandable = false;        // a disclosure: aria-expanded is "false" when closed
    uint32_t focusRequest = 0;      // bumped to ask the DOM to focus this node
    std::string ref;                // related node: tab panel -> its tab, tab list -> the panel
    std::string lang;               // BCP 47 tag of a label in another language than the page ("en")
    int setSize = 0, posInSet = 0;  // list items of a list only partly mirrored
    // Clip containers (the scrolled content): the content's scroll offset, and how
    // many DOM scroll events that offset already includes (see endFrame).
    float scrollY = 0, scrollMax = 0;  // the offset and its largest value
    uint32_t scrollSeq = 0;
};

class Semantics {
public:
    // Distributes the DOM events of this frame to their widgets.
    void beginFrame(std::vector<platform::SemanticEvent> events);
    // Sends the DOM layer what changed since the last sync (a patch: updated
    // nodes, removed ids, and the id order when it changed). Returns true if
    // anything was sent. Cost is proportional to the changes, not the tree.
    bool endFrame();

    // Widgets call these.
    SemNode& add(std::string_view id, Role role, std::string_view name);
    void pushContainer(std::string_view id);  // following nodes get it as parent
    void popContainer();
    std::string_view currentContainer() const;

    bool consumeActivate(std::string_view id);
    bool consumeSubmit(std::string_view id);
    bool consumeInput(std::string_view id, std::string& out);
    bool consumeToggle(std::string_view id, bool& out);
    bool consumeKey(std::string_view id, std::string& out);
    float takeScroll();
    // DOM scroll events received so far (each is folded into takeScroll()).
    uint32_t scrollEventsReceived() const { return scrollEvents_; }

    bool isFocused(std::string_view id) const { return focused_ == id; }
    const std::string& focusedId() const { return focused_; }
    // True once after `id` took focus from the keyboard or assistive technology
    // (not from a pointer: a pressed button must not move before it is released).
    bool takeReveal(std::string_view id);
    void requestFocus(std::string_view id);
    // C++ changed a text value itself: the DOM input must take it.
    void bumpValue(std::string_view id);
    // Text typed by the app itself (the kiosk's on-screen keyboard) as if the DOM
    // input had sent it: the field takes it this frame by consumeInput, as typing.
    void injectInput(std::string_view id, std::string value);
    // Focus and blur events received so far (a change of focus, even to the same field).
    uint32_t focusEvents() const { return focusEvents_; }

    // Modal dialogs: while one is open, nodes outside it are not mirrored
    // (they are inert, as with aria-modal).
    void setModalOpen(std::string_view dialogId) { modal_ = dialogId; }
    bool modalBlocks(std::string_view parent) const;

    // Benchmarks only (?bench=1&record=alternate, src/platform/main_web.cpp): while
    // off, widgets record nothing and nothing is sent, so the cost of recording
    // shows as the difference with the frames that record.
    void setRecording(bool on) { recording_ = on; }

    const std::vector<SemNode>& nodes() const { return nodes_; }
    // A node added earlier this frame (containers get their size after their children).
    SemNode& nodeAt(size_t index) { return recording_ ? nodes_[index] : scratch_; }
    size_t nodeCount() const { return nodes_.size(); }
    const std::string& lastPatch() const { return lastJson_; }
    // Full tree as JSON (tests, debugging).
    std::string serialize() const;
    // Patch between prev and cur; empty string when identical.
    static std::string diff(const std::vector<SemNode>& prev, const std::vector<SemNode>& cur);
    // The same, and the indices of the nodes sent when the ids kept their order
    // (or one SIZE_MAX when they did not).
    static std::string diff(const std::vector<SemNode>& prev, const std::vector<SemNode>& cur,
                            std::vector<std::size_t>* changed);
    size_t syncCount() const { return syncs_; }

private:
    struct Pending {
        bool activate = false, submit = false, hasInput = false, hasToggle = false;
        std::string input, key;
        bool toggle = false;
    };
    std::vector<SemNode> nodes_, synced_, spare_;              // spare_: last frame's nodes, reused by add()
    std::vector<std::pair<std::size_t, std::size_t>> byHash_;  // endFrame's work space
    std::vector<std::size_t> parentIndex_, changed_;
    std::vector<std::string> containers_;
    std::unordered_map<std::string, Pending> pending_;
    std::unordered_map<std::string, uint32_t> focusReq_, valueRev_;
    std::string focused_, reveal_, modal_, prevModal_, lastJson_;
    uint32_t scrollEvents_ = 0, focusEvents_ = 0;
    float scroll_ = 0;
    size_t syncs_ = 0;
    uint32_t focusCounter_ = 0;
    bool recording_ = true;
    SemNode scratch_;  // what add() returns while not recording
};

Semantics& semantics();

}  // namespace alin::ui
