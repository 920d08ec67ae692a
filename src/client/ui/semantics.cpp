#include "client/ui/semantics.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>

namespace alin::ui {

namespace {

const char* roleName(Role r) {
    switch (r) {
        case Role::Button:
            return "button";
        case Role::Link:
            return "link";
        case Role::TextBox:
            return "textbox";
        case Role::Password:
            return "password";
        case Role::Checkbox:
            return "checkbox";
        case Role::Radio:
            return "radio";
        case Role::Tab:
            return "tab";
        case Role::TabList:
            return "tablist";
        case Role::Heading:
            return "heading";
        case Role::Text:
            return "text";
        case Role::Dialog:
            return "dialog";
        case Role::Region:
            return "region";
        case Role::Alert:
            return "alert";
        case Role::Status:
            return "status";
        case Role::List:
            return "list";
        case Role::ListItem:
            return "listitem";
        case Role::Group:
            return "group";
        case Role::ComboBox:
            return "combobox";
        case Role::ListBox:
            return "listbox";
        case Role::Option:
            return "option";
        case Role::Navigation:
            return "navigation";
        case Role::RadioGroup:
            return "radiogroup";
        case Role::AlertDialog:
            return "alertdialog";
        case Role::TabPanel:
            return "tabpanel";
        case Role::Main:
            return "main";
    }
    return "text";
}

void appendEscaped(std::string& out, std::string_view s) {
    out.push_back('"');
    for (char c : s) {
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            default:
                if (static_cast<unsigned char>(c) < 0x20) {
                    char buf[8];
                    std::snprintf(buf, sizeof buf, "\\u%04x", c);
                    out += buf;
                } else {
                    out.push_back(c);
                }
        }
    }
    out.push_back('"');
}

void appendNumber(std::string& out, float v) {
    // Whole CSS pixels are precise enough and keep the output stable frame to frame.
    out += std::to_string(std::lround(v));
}

// A recycled node back to its default values, its strings emptied but keeping
// their storage (a string left out here is still reset, only without that reuse).
SemNode& reuse(SemNode& n) {
    std::string* strings[] = {&n.id,    &n.name,        &n.value,  &n.inputType, &n.autocomplete, &n.href,
                              &n.error, &n.description, &n.parent, &n.ref,       &n.lang};
    std::string kept[std::size(strings)];
    for (size_t i = 0; i < std::size(strings); ++i) kept[i].swap(*strings[i]);
    n = SemNode{};
    for (size_t i = 0; i < std::size(strings); ++i) {
        kept[i].clear();
        strings[i]->swap(kept[i]);
    }
    return n;
}

}  // namespace

Semantics& semantics() {
    static Semantics instance;
    return instance;
}

void Semantics::beginFrame(std::vector<platform::SemanticEvent> events) {
    // Last frame's nodes become the spares add() takes its nodes from: their
    // strings keep their storage, so a frame like the last one allocates nothing.
    if (!nodes_.empty()) spare_.swap(nodes_);  // (a frame that recorded nothing keeps the spares)
    nodes_.clear();
    containers_.clear();
    pending_.clear();
    prevModal_ = modal_;
    modal_.clear();
    for (auto& e : events) {
        using K = platform::SemanticEvent::Kind;
        switch (e.kind) {
            case K::Activate:
                pending_[e.id].activate = true;
                break;
            case K::Submit:
                pending_[e.id].submit = true;
                break;
            case K::Input: {
                auto& p = pending_[e.id];
                p.hasInput = true;
                p.input = std::move(e.value);
                break;
            }
            case K::Toggle: {
                auto& p = pending_[e.id];
                p.hasToggle = true;
                p.toggle = e.checked;
                break;
            }
            case K::Focus:
                ++focusEvents_;
                focused_ = e.id;
                if (e.value == "pointer")
                    reveal_.clear();
                else
                    reveal_ = e.id;
                break;
            case K::Blur:
                ++focusEvents_;
                if (focused_ == e.id) focused_.clear();
                break;
            case K::Scroll:
                scroll_ += e.delta;
                ++scrollEvents_;
                break;
            case K::Key:
                pending_[e.id].key = std::move(e.value);
                break;
        }
    }
}

bool Semantics::modalBlocks(std::string_view parent) const {
    // While a dialog is open (this frame or the previous one), only nodes
    // inside it are mirrored.
    const std::string& m = modal_.empty() ? prevModal_ : modal_;
    if (m.empty()) return false;
    return parent != m;
}

SemNode& Semantics::add(std::string_view id, Role role, std::string_view name) {
    if (!recording_) {
        scratch_ = SemNode{};
        return scratch_;
    }
    SemNode& n = nodes_.size() < spare_.size() ? reuse(nodes_.emplace_back(std::move(spare_[nodes_.size()])))
                                               : nodes_.emplace_back();
    n.id.assign(id);
    n.role = role;
    n.name.assign(name);
    if (!containers_.empty()) n.parent = containers_.back();
    auto fr = focusReq_.find(n.id);
    if (fr != focusReq_.end()) n.focusRequest = fr->second;
    auto vr = valueRev_.find(n.id);
    if (vr != valueRev_.end()) n.valueRev = vr->second;
    return n;
}

void Semantics::pushContainer(std::string_view id) {
    containers_.emplace_back(id);
}
void Semantics::popContainer() {
    if (!containers_.empty()) containers_.pop_back();
}
std::string_view Semantics::currentContainer() const {
    return containers_.empty() ? std::string_view{} : std::string_view{containers_.back()};
}

namespace {
// The DOM events pending for `id` this frame, or null. The usual frame has none:
// then no lookup (and no key string) at all.
template <class Map>
typename Map::mapped_type* pendingFor(Map& pending, std::string_view id) {
    if (pending.empty()) return nullptr;
    auto it = pending.find(std::string(id));
    return it == pending.end() ? nullptr : &it->second;
}
}  // namespace

bool Semantics::takeReveal(std::string_view id) {
    if (reveal_.empty() || reveal_ != id) return false;
    reveal_.clear();
    return true;
}

bool Semantics::consumeActivate(std::string_view id) {
    auto* p = pendingFor(pending_, id);
    if (!p || !p->activate) return false;
    p->activate = false;
    return true;
}

bool Semantics::consumeSubmit(std::string_view id) {
    auto* p = pendingFor(pending_, id);
    if (!p || !p->submit) return false;
    p->submit = false;
    return true;
}

bool Semantics::consumeInput(std::string_view id, std::string& out) {
    auto* p = pendingFor(pending_, id);
    if (!p || !p->hasInput) return false;
    p->hasInput = false;
    out = std::move(p->input);
    return true;
}

bool Semantics::consumeToggle(std::string_view id, bool& out) {
    auto* p = pendingFor(pending_, id);
    if (!p || !p->hasToggle) return false;
    p->hasToggle = false;
    out = p->toggle;
    return true;
}

bool Semantics::consumeKey(std::string_view id, std::string& out) {
    auto* p = pendingFor(pending_, id);
    if (!p || p->key.empty()) return false;
    out = std::move(p->key);
    p->key.clear();
    return true;
}

float Semantics::takeScroll() {
    float s = scroll_;
    scroll_ = 0;
    return s;
}

void Semantics::requestFocus(std::string_view id) {
    focusReq_[std::string(id)] = ++focusCounter_;
}

void Semantics::bumpValue(std::string_view id) {
    ++valueRev_[std::string(id)];
}

void Semantics::injectInput(std::string_view id, std::string value) {
    auto& p = pending_[std::string(id)];
    p.hasInput = true;
    p.input = std::move(value);
}

namespace {

void appendNode(std::string& out, const SemNode& n) {
    out += "{\"i\":";
    appendEscaped(out, n.id);
    out += ",\"r\":\"";
    out += roleName(n.role);
    out += "\",\"n\":";
    appendEscaped(out, n.name);
    out += ",\"x\":";
    appendNumber(out, n.x);
    out += ",\"y\":";
    appendNumber(out, n.y);
    out += ",\"w\":";
    appendNumber(out, n.w);
    out += ",\"h\":";
    appendNumber(out, n.h);
    if (!n.parent.empty()) {
        out += ",\"p\":";
        appendEscaped(out, n.parent);
    }
    if (n.role == Role::TextBox || n.role == Role::Password || n.role == Role::ComboBox) {
        out += ",\"v\":";
        appendEscaped(out, n.value);
        out += ",\"vr\":" + std::to_string(n.valueRev);
        if (!n.inputType.empty()) {
            out += ",\"t\":";
            appendEscaped(out, n.inputType);
        }
        if (!n.autocomplete.empty()) {
            out += ",\"ac\":";
            appendEscaped(out, n.autocomplete);
        }
    }
    if (!n.href.empty()) {
        out += ",\"hr\":";
        appendEscaped(out, n.href);
    }
    if (!n.error.empty()) {
        out += ",\"e\":";
        appendEscaped(out, n.error);
    }
    if (!n.description.empty()) {
        out += ",\"ds\":";
        appendEscaped(out, n.description);
    }
    if (n.level) out += ",\"l\":" + std::to_string(n.level);
    if (n.checked) out += ",\"c\":1";
    if (n.selected) out += ",\"s\":1";
    if (n.disabled) out += ",\"d\":1";
    if (n.expanded) out += ",\"ex\":1";
    if (n.invalid) out += ",\"iv\":1";
    if (n.required) out += ",\"rq\":1";
    if (n.clip) {
        out += ",\"cl\":1,\"sy\":";
        appendNumber(out, n.scrollY);
        out += ",\"sm\":";
        appendNumber(out, n.scrollMax);
        out += ",\"sq\":" + std::to_string(n.scrollSeq);
    }
    if (n.newTab) out += ",\"nt\":1";
    if (n.current) out += ",\"cu\":1";
    if (n.expandable) out += ",\"xb\":1";
    if (n.focusRequest) out += ",\"f\":" + std::to_string(n.focusRequest);
    if (!n.ref.empty()) {
        out += ",\"rf\":";
        appendEscaped(out, n.ref);
    }
    if (!n.lang.empty()) {
        out += ",\"lg\":";
        appendEscaped(out, n.lang);
    }
    if (n.setSize) out += ",\"ss\":" + std::to_string(n.setSize) + ",\"ps\":" + std::to_string(n.posInSet);
    out.push_back('}');
}

// Positions are sent as whole CSS pixels: compare them the same way so
// sub-pixel jitter does not cause DOM updates.
// (Equal floats first: the usual case, without the rounding calls, which showed
// in a profile of the offer list's scroll frame.)
bool samePixels(float a, float b) {
    return a == b || std::lround(a) == std::lround(b);
}

bool sameNode(const SemNode& a, const SemNode& b) {
    return samePixels(a.x, b.x) && samePixels(a.y, b.y) && samePixels(a.w, b.w) && samePixels(a.h, b.h) &&
           a.role == b.role && a.checked == b.checked && a.selected == b.selected && a.disabled == b.disabled &&
           a.expanded == b.expanded && a.invalid == b.invalid && a.required == b.required && a.clip == b.clip &&
           a.newTab == b.newTab && a.current == b.current && a.level == b.level && a.valueRev == b.valueRev &&
           a.focusRequest == b.focusRequest && a.id == b.id && a.name == b.name && a.value == b.value &&
           a.parent == b.parent && a.error == b.error && a.description == b.description && a.href == b.href &&
           a.inputType == b.inputType && a.autocomplete == b.autocomplete && samePixels(a.scrollY, b.scrollY) &&
           samePixels(a.scrollMax, b.scrollMax) && a.scrollSeq == b.scrollSeq && a.ref == b.ref &&
           a.setSize == b.setSize && a.posInSet == b.posInSet && a.expandable == b.expandable && a.lang == b.lang;
}

}  // namespace

std::string Semantics::serialize() const {
    std::string out;
    out.reserve(nodes_.size() * 120);
    out.push_back('[');
    for (size_t i = 0; i < nodes_.size(); ++i) {
        if (i) out.push_back(',');
        appendNode(out, nodes_[i]);
    }
    out.push_back(']');
    return out;
}

std::string Semantics::diff(const std::vector<SemNode>& prev, const std::vector<SemNode>& cur) {
    return diff(prev, cur, nullptr);
}

std::string Semantics::diff(const std::vector<SemNode>& prev, const std::vector<SemNode>& cur,
                            std::vector<std::size_t>* changed) {
    // Fast path: same ids in the same order (the usual frame).
    bool sameOrder = prev.size() == cur.size();
    for (size_t i = 0; sameOrder && i < cur.size(); ++i) sameOrder = prev[i].id == cur[i].id;

    std::string updates, removed, order;
    if (sameOrder) {
        for (size_t i = 0; i < cur.size(); ++i) {
            if (sameNode(prev[i], cur[i])) continue;
            if (!updates.empty()) updates.push_back(',');
            appendNode(updates, cur[i]);
            if (changed) changed->push_back(i);
        }
    } else {
        if (changed) changed->push_back(SIZE_MAX);  // not node by node: the whole tree changes
        std::unordered_map<std::string_view, const SemNode*> before;
        before.reserve(prev.size());
        for (const SemNode& n : prev) before.emplace(n.id, &n);
        for (const SemNode& n : cur) {
            auto it = before.find(n.id);
            if (it != before.end()) {
                const SemNode* old = it->second;
                before.erase(it);
                if (sameNode(*old, n)) {
                    if (!order.empty()) order.push_back(',');
                    appendEscaped(order, n.id);
                    continue;
                }
            }
            if (!updates.empty()) updates.push_back(',');
            appendNode(updates, n);
            if (!order.empty()) order.push_back(',');
            appendEscaped(order, n.id);
        }
        for (const auto& [id, node] : before) {
            if (!removed.empty()) removed.push_back(',');
            appendEscaped(removed, id);
        }
    }
    if (updates.empty() && removed.empty() && sameOrder) return {};
    std::string out = "{\"u\":[" + updates + "]";
    if (!removed.empty()) out += ",\"d\":[" + removed + "]";
    if (!sameOrder) out += ",\"o\":[" + order + "]";
    out.push_back('}');
    return out;
}

bool Semantics::endFrame() {
    if (!recording_) return false;
    // Nodes inside a clip container are sent in content coordinates (their page
    // position plus the container's scroll): scrolling then changes one number,
    // the container's scrollY, instead of moving every node, and the DOM can
    // scroll the container itself without nodes jumping back before the app
    // has caught up (a click during that jump would be lost).
    // (Nothing to add while no clip container is scrolled.)
    bool scrolled = false;
    for (const SemNode& n : nodes_) scrolled = scrolled || (n.clip && n.scrollY != 0.f);
    if (scrolled) {
        // Each node's parent (the first node with that id), found through the ids'
        // hashes sorted once: no allocation in a frame like the last one.
        byHash_.clear();
        for (std::size_t i = 0; i < nodes_.size(); ++i)
            byHash_.emplace_back(std::hash<std::string_view>{}(nodes_[i].id), i);
        std::sort(byHash_.begin(), byHash_.end());
        auto find = [&](std::string_view id) -> std::size_t {
            if (id.empty()) return SIZE_MAX;
            const std::size_t h = std::hash<std::string_view>{}(id);
            auto it = std::lower_bound(byHash_.begin(), byHash_.end(), std::pair<std::size_t, std::size_t>(h, 0));
            for (; it != byHash_.end() && it->first == h; ++it)
                if (nodes_[it->second].id == id) return it->second;
            return SIZE_MAX;
        };
        parentIndex_.clear();
        for (const SemNode& n : nodes_) parentIndex_.push_back(find(n.parent));
        for (std::size_t i = 0; i < nodes_.size(); ++i) {
            float offset = 0;
            std::size_t p = parentIndex_[i];
            for (int depth = 0; p != SIZE_MAX && depth < 16; ++depth) {
                const SemNode& parent = nodes_[p];
                if (parent.clip) offset += parent.scrollY;
                p = parentIndex_[p];
            }
            nodes_[i].y += offset;
        }
    }
    // An activation that found no widget this frame is lost: say so (tests and
    // developers see it in the console instead of guessing why a click did nothing).
    for (const auto& [id, p] : pending_)
        if (p.activate) platform::logWarning("semantics: activation of \"" + id + "\" found no widget");
    changed_.clear();
    std::string patch = diff(synced_, nodes_, &changed_);
    if (patch.empty()) return false;
    lastJson_ = std::move(patch);
    platform::syncSemantics(lastJson_);
    // The nodes sent become the reference for the next diff. Same ids in the
    // same order: only the changed ones are copied (the others compare equal,
    // and only their whole-pixel values are ever compared or sent).
    if (!changed_.empty() && changed_[0] == SIZE_MAX)
        synced_ = nodes_;
    else
        for (std::size_t i : changed_) synced_[i] = nodes_[i];
    ++syncs_;
    return true;
}

}  // namespace alin::ui
