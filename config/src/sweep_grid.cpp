#include "alvh/config/sweep_grid.hpp"

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>
#include <tuple>

#include "config_from_node.hpp"
#include "yaml_reader.hpp"

namespace alvh::config {

namespace {

using detail::Diagnostics;

struct Component {
  enum Kind { key, index, name } kind = key;
  std::string text;
  std::size_t pos = 0;  // resolved list index (index and name)
};

// One override as read from the grid file, resolved against the base document.
struct Override {
  GridOverride pub;
  std::vector<Component> components;
  YAML::Node value;
  YAML::Mark key_mark, value_mark;
  // Where the value sits in the grid document, to take it from a fresh parse for each point:
  // splicing a node into a tree merges yaml-cpp's node memories for good, so splicing the same
  // node into 200 trees chains them all together (quadratic time, every tree kept alive).
  enum class From { set, grid, points } from = From::set;
  std::size_t entry = 0;  // points: the point; grid: the value's position in the key's list
};

YAML::Node value_in(const YAML::Node& grid_root, const Override& o) {
  const std::string& key = o.pub.path;
  switch (o.from) {
    case Override::From::set: return grid_root["set"][key];
    case Override::From::grid: return grid_root["grid"][key][o.entry];
    case Override::From::points: return grid_root["points"][o.entry][key];
  }
  return {};
}

bool valid_mark(const YAML::Mark& m) { return m.line >= 0 && m.column >= 0; }

std::string one_line_yaml(const YAML::Node& n) {
  if (n.IsNull()) return "~";
  if (n.IsScalar()) return n.Scalar();
  YAML::Emitter e;
  e.SetMapFormat(YAML::Flow);
  e.SetSeqFormat(YAML::Flow);
  e << n;
  return e.c_str();
}

// "a.b[2].c[name]" -> components; an empty string on success, else what is wrong.
std::string split_path(const std::string& path, std::vector<Component>& out) {
  std::size_t i = 0;
  bool expect_key = true;
  while (i < path.size()) {
    if (path[i] == '[') {
      const std::size_t close = path.find(']', i);
      if (close == std::string::npos) return "'[' without ']'";
      const std::string inner = path.substr(i + 1, close - i - 1);
      if (inner.empty()) return "empty [] (write [N] or [name])";
      if (out.empty()) return "a path starts with a key, not [" + inner + "]";
      const bool digits = std::all_of(inner.begin(), inner.end(), [](char c) { return c >= '0' && c <= '9'; });
      out.push_back({digits ? Component::index : Component::name, inner, 0});
      i = close + 1;
      expect_key = false;
      if (i < path.size() && path[i] != '.' && path[i] != '[') return "expected '.' or '[' after ']'";
      if (i < path.size() && path[i] == '.') {
        ++i;
        expect_key = true;
        if (i == path.size()) return "ends with '.'";
      }
      continue;
    }
    if (!expect_key) return "expected '.' or '['";
    const std::size_t end = path.find_first_of(".[", i);
    const std::string key = path.substr(i, end == std::string::npos ? std::string::npos : end - i);
    if (key.empty()) return "empty key between dots";
    out.push_back({Component::key, key, 0});
    i = end == std::string::npos ? path.size() : end;
    if (i < path.size() && path[i] == '.') {
      ++i;
      if (i == path.size()) return "ends with '.'";
    } else {
      expect_key = false;
    }
  }
  if (out.empty()) return "empty path";
  return {};
}

std::string canonical_of(const std::vector<Component>& cs) {
  std::string s;
  for (const auto& c : cs) {
    if (c.kind == Component::key) s += (s.empty() ? "" : ".") + c.text;
    else s += "[" + std::to_string(c.pos) + "]";
  }
  return s;
}

// Resolves list entries named by [name] to indices and checks that the path can be applied to the
// base document: lists are entered by [N]/[name], values are not entered at all. Keys the base
// lacks are fine here (the loader names an unknown key, with its suggestion).
std::string resolve(const YAML::Node& base, std::vector<Component>& cs) {
  YAML::Node cur = base;
  bool absent = false;
  std::string where;
  for (auto& c : cs) {
    const std::string shown = where.empty() ? "the document" : "'" + where + "'";
    if (c.kind == Component::key) {
      if (!absent && cur.IsSequence()) return shown + " is a list: name an entry with [N] or [name]";
      if (!absent && cur.IsScalar()) return shown + " is a value, not a section";
      const YAML::Node& view = cur;  // const lookups: a missing key must not be added
      if (!absent && cur.IsMap() && view[c.text]) cur.reset(view[c.text]);
      else absent = true;
      where += (where.empty() ? "" : ".") + c.text;
      continue;
    }
    if (absent || !cur.IsSequence()) return shown + " is not a list in the base config; [" + c.text + "] needs one";
    if (c.kind == Component::index) {
      c.pos = static_cast<std::size_t>(std::stoull(c.text));
      if (c.pos >= cur.size())
        return shown + " has " + std::to_string(cur.size()) + " entries; [" + c.text + "] is out of range";
    } else {
      std::string names;
      bool found = false;
      for (std::size_t i = 0; i < cur.size() && !found; ++i) {
        const YAML::Node entry = cur[i];
        const YAML::Node n = entry.IsMap() ? entry["name"] : YAML::Node();
        if (n && n.IsScalar()) {
          if (n.Scalar() == c.text) {
            c.pos = i;
            found = true;
          }
          names += (names.empty() ? "" : ", ") + n.Scalar();
        }
      }
      if (!found)
        return shown + " has no entry named '" + c.text + "'" + (names.empty() ? "" : " (names: " + names + ")");
    }
    const YAML::Node& view = cur;
    cur.reset(view[c.pos]);
    where += "[" + c.text + "]";
  }
  return {};
}

// Splices `value` (the override's value from a fresh parse of the grid) into `root` (a fresh parse of the base).
// Missing sections are created.
void apply(YAML::Node root, const Override& ov, const YAML::Node& value) {
  YAML::Node cur = root;
  for (std::size_t i = 0; i < ov.components.size(); ++i) {
    const Component& c = ov.components[i];
    const bool last = i + 1 == ov.components.size();
    if (c.kind == Component::key) {
      if (last) {
        cur[c.text] = value;
        return;
      }
      const YAML::Node& view = cur;
      if (!view[c.text] || view[c.text].IsNull()) cur[c.text] = YAML::Node(YAML::NodeType::Map);
      cur.reset(cur[c.text]);  // not `cur = ...`: that would overwrite the node cur refers to
    } else {
      if (last) {
        cur[c.pos] = value;
        return;
      }
      cur.reset(cur[c.pos]);
    }
  }
}

bool is_below(const std::string& path, const std::string& prefix) {
  if (path.size() < prefix.size() || path.compare(0, prefix.size(), prefix) != 0) return false;
  return path.size() == prefix.size() || path[prefix.size()] == '.' || path[prefix.size()] == '[';
}

struct GridReader {
  Diagnostics& d;
  const YAML::Node& base;
  std::string grid_name;

  // Reads one `path: value` entry; false (with an error) when the path is unusable.
  bool read_override(const YAML::Node& key, const YAML::Node& value, const YAML::Node& value_mark_node, Override& out) {
    if (!key.IsScalar()) {
      d.error(key.Mark(), "", "a grid key must be a config path such as ladder.vix_point_ratio");
      return false;
    }
    out.pub.path = key.Scalar();
    out.key_mark = key.Mark();
    out.value = value;
    out.value_mark = detail::mark_or(value_mark_node, key.Mark());
    out.pub.line = out.value_mark.line + 1;
    out.pub.column = out.value_mark.column + 1;
    out.pub.value = one_line_yaml(value);
    if (auto why = split_path(out.pub.path, out.components); !why.empty()) {
      d.error(key.Mark(), out.pub.path, "not a config path: " + why);
      return false;
    }
    if (auto why = resolve(base, out.components); !why.empty()) {
      d.error(key.Mark(), out.pub.path, why);
      return false;
    }
    out.pub.canonical = canonical_of(out.components);
    return true;
  }

  // The keys of a `path: value` mapping, with duplicates and overlapping paths reported.
  template <class F>
  void each_entry(const YAML::Node& map, const std::string& section, F&& f) {
    std::vector<std::pair<std::string, YAML::Mark>> seen;
    for (const auto& kv : map) {
      const std::string k = kv.first.IsScalar() ? kv.first.Scalar() : std::string();
      auto dup = std::find_if(seen.begin(), seen.end(), [&](const auto& s) { return s.first == k; });
      if (!k.empty() && dup != seen.end()) {
        d.error(kv.first.Mark(), k,
                "duplicate key '" + k + "' in " + section + " (first at line " + std::to_string(dup->second.line + 1) + ")");
        continue;
      }
      seen.emplace_back(k, kv.first.Mark());
      f(kv.first, kv.second);
    }
  }
};

// Overrides of one point must not nest: `ladder` and `ladder.vix_point_ratio` together is ambiguous.
bool check_disjoint(Diagnostics& d, const std::vector<const Override*>& ovs) {
  bool ok = true;
  for (std::size_t i = 0; i < ovs.size(); ++i)
    for (std::size_t j = 0; j < i; ++j)
      if (is_below(ovs[i]->pub.canonical, ovs[j]->pub.canonical) || is_below(ovs[j]->pub.canonical, ovs[i]->pub.canonical)) {
        d.error(ovs[i]->key_mark, ovs[i]->pub.path,
                "overlaps '" + ovs[j]->pub.path + "' (line " + std::to_string(ovs[j]->key_mark.line + 1) +
                    "): one point cannot set both");
        ok = false;
      }
  return ok;
}

// Errors of one point's config: those about an override point at the grid file's line for it;
// the rest keep the base file's position and say which point they came from.
void relocate(std::vector<ConfigError>& errors, const std::vector<const Override*>& ovs, const std::string& grid_name,
              std::size_t point, const std::string& label) {
  for (ConfigError& e : errors) {
    const Override* best = nullptr;
    bool at_or_below = false;
    for (const Override* ov : ovs) {
      const bool below = !e.path.empty() && is_below(e.path, ov->pub.canonical);
      const bool above = !e.path.empty() && is_below(ov->pub.canonical, e.path);
      if ((below || above) && (!best || ov->pub.canonical.size() > best->pub.canonical.size())) {
        best = ov;
        at_or_below = below;
      }
    }
    if (best) {
      // An error placed at no position was placed at a key the splice created (an unknown key):
      // point at the grid's key. Otherwise it is about the value (at or below the override) or
      // about a section on the way to it.
      const bool about_key = !at_or_below || e.line == 0;
      const YAML::Mark m = about_key ? best->key_mark : best->value_mark;
      e.file = grid_name;
      e.line = valid_mark(m) ? m.line + 1 : 0;
      e.column = valid_mark(m) ? m.column + 1 : 0;
      // Name the entry as the grid does ("rules[condor_vix_gate]"), not by its index.
      if (at_or_below) e.path = best->pub.path + e.path.substr(best->pub.canonical.size());
    } else {
      e.message += " (grid point " + std::to_string(point + 1) + ": " + label + ")";
    }
  }
}

SweepGridLoadResult fail(std::vector<ConfigError> errors) {
  SweepGridLoadResult r;
  r.errors = std::move(errors);
  return r;
}

}  // namespace

std::string GridPoint::label() const {
  std::string s;
  for (const auto& o : overrides) s += (s.empty() ? "" : " ") + o.path + "=" + o.value;
  return s.empty() ? "base" : s;
}

std::optional<std::string> GridPoint::value_of(const std::string& path) const {
  for (const auto& o : overrides)
    if (o.path == path) return o.value;
  return std::nullopt;
}

std::string SweepGridLoadResult::format_errors() const {
  std::string s;
  for (const auto& e : errors) s += e.format() + "\n";
  return s;
}

SweepGridLoadResult load_sweep_grid_from_string(const std::string& grid_yaml, const std::string& grid_name,
                                                const std::string& base_yaml, const std::string& base_name,
                                                const std::filesystem::path& base_dir) {
  // The base on its own first: its errors are its own, not the grid's.
  ConfigLoadResult base_config = load_config_from_string(base_yaml, base_name, base_dir);
  if (!base_config.ok()) return fail(std::move(base_config.errors));
  const YAML::Node base = YAML::Load(base_yaml);

  Diagnostics d(grid_name, grid_yaml);
  YAML::Node root;
  try {
    root = YAML::Load(grid_yaml);
  } catch (const YAML::Exception& e) {
    d.error(e.mark, "", "YAML syntax error: " + e.msg);
    return fail(d.take_sorted());
  }
  if (!root.IsMap()) {
    d.error(YAML::Mark(), "", root.IsNull() ? "empty grid; expected set:, grid: and/or points:"
                                            : "expected a mapping with set:, grid: and/or points:");
    return fail(d.take_sorted());
  }

  GridReader reader{d, base, grid_name};
  detail::MapReader top(d, root, "");
  std::vector<Override> fixed;                // set:
  std::vector<std::vector<Override>> axes;    // grid: one axis per key, one override per value
  std::vector<std::vector<Override>> listed;  // points:
  if (auto n = top.get("set")) {
    if (!n->IsMap()) d.error(d.mark(*n), "set", "expected a mapping of config paths to values");
    else
      reader.each_entry(*n, "set", [&](const YAML::Node& k, const YAML::Node& v) {
        Override o;
        o.from = Override::From::set;
        if (reader.read_override(k, v, v, o)) fixed.push_back(std::move(o));
      });
  }
  if (auto n = top.get("grid")) {
    if (!n->IsMap()) d.error(d.mark(*n), "grid", "expected a mapping of config paths to lists of values");
    else
      reader.each_entry(*n, "grid", [&](const YAML::Node& k, const YAML::Node& v) {
        const std::string key = k.IsScalar() ? k.Scalar() : std::string();
        if (!v.IsSequence() || v.size() == 0) {
          d.error(detail::mark_or(v, k.Mark()), key, "expected a non-empty list of values, e.g. [0.15, 0.2, 0.25]");
          return;
        }
        std::vector<Override> axis;
        for (std::size_t i = 0; i < v.size(); ++i) {
          Override o;
          o.from = Override::From::grid;
          o.entry = i;
          if (!reader.read_override(k, v[i], v[i], o)) return;  // one error per key, not per value
          axis.push_back(std::move(o));
        }
        axes.push_back(std::move(axis));
      });
  }
  if (auto n = top.get("points")) {
    if (!n->IsSequence()) d.error(d.mark(*n), "points", "expected a list of mappings of config paths to values");
    else
      for (std::size_t i = 0; i < n->size(); ++i) {
        const YAML::Node p = (*n)[i];
        const std::string where = detail::index_path("points", i);
        if (!p.IsMap() || p.size() == 0) {
          d.error(detail::mark_or(p, d.mark(*n)), where, "expected a non-empty mapping of config paths to values");
          continue;
        }
        std::vector<Override> point;
        reader.each_entry(p, where, [&](const YAML::Node& k, const YAML::Node& v) {
          Override o;
          o.from = Override::From::points;
          o.entry = i;
          if (reader.read_override(k, v, v, o)) point.push_back(std::move(o));
        });
        listed.push_back(std::move(point));
      }
  }
  top.finish();
  if (!d.has_errors() && axes.empty() && listed.empty())
    d.error(YAML::Mark(), "", "no points: give grid: (lists of values) and/or points:");

  std::size_t count = listed.size(), product = axes.empty() ? 0 : 1;
  for (const auto& a : axes) {
    product *= a.size();
    if (product > kMaxSweepPoints) break;
  }
  count += product;
  if (count > kMaxSweepPoints)
    d.error(YAML::Mark(), "", "the grid has more than " + std::to_string(kMaxSweepPoints) + " points");
  if (d.has_errors()) return fail(d.take_sorted());

  // Every point's list of overrides (pointers into fixed/axes/listed), checked for overlaps.
  std::vector<std::vector<const Override*>> plan;
  if (!axes.empty()) {
    std::vector<std::size_t> at(axes.size(), 0);
    for (std::size_t n = 0; n < product; ++n) {
      std::vector<const Override*> ovs;
      for (const auto& f : fixed) ovs.push_back(&f);
      for (std::size_t a = 0; a < axes.size(); ++a) ovs.push_back(&axes[a][at[a]]);
      plan.push_back(std::move(ovs));
      for (std::size_t a = axes.size(); a-- > 0;) {  // the last key varies fastest
        if (++at[a] < axes[a].size()) break;
        at[a] = 0;
      }
    }
  }
  for (const auto& point : listed) {
    std::vector<const Override*> ovs;
    for (const auto& f : fixed) ovs.push_back(&f);
    for (const auto& o : point) ovs.push_back(&o);
    plan.push_back(std::move(ovs));
  }
  // Overlaps are a property of the grid's keys: check the first product point and each listed one.
  if (!axes.empty()) check_disjoint(d, plan.front());
  for (std::size_t i = product; i < plan.size(); ++i) check_disjoint(d, plan[i]);
  if (d.has_errors()) return fail(d.take_sorted());

  SweepGrid grid;
  std::vector<ConfigError> errors;
  std::set<std::tuple<std::string, int, int, std::string, std::string>> reported;
  for (std::size_t i = 0; i < plan.size(); ++i) {
    GridPoint point;
    for (const Override* o : plan[i]) point.overrides.push_back(o->pub);
    YAML::Node tree = YAML::Load(base_yaml);  // a fresh tree per point: splicing mutates it
    const YAML::Node values = YAML::Load(grid_yaml);  // and fresh values to splice (see Override)
    for (const Override* o : plan[i]) apply(tree, *o, value_in(values, *o));
    Diagnostics pd(base_name, base_yaml);
    ConfigLoadResult r = detail::load_config_from_node(pd, tree, base_dir);
    if (!r.ok()) {
      std::vector<const Override*> varying;
      for (std::size_t k = fixed.size(); k < plan[i].size(); ++k) varying.push_back(plan[i][k]);
      GridPoint shown;
      for (const Override* o : varying) shown.overrides.push_back(o->pub);
      relocate(r.errors, plan[i], grid_name, i, shown.label());
      for (auto& e : r.errors) {
        // The same bad value appears in many points of a product: report it once.
        std::string key_message = e.message.substr(0, e.message.find(" (grid point "));
        if (reported.emplace(e.file, e.line, e.column, e.path, key_message).second) errors.push_back(std::move(e));
      }
      continue;
    }
    point.config = std::move(*r.config);
    point.config.source = base_config.config->source;
    grid.points.push_back(std::move(point));
  }
  if (!errors.empty()) {
    std::stable_sort(errors.begin(), errors.end(), [&](const ConfigError& a, const ConfigError& b) {
      const bool ga = a.file == grid_name, gb = b.file == grid_name;
      if (ga != gb) return ga;  // the grid's own lines first
      return std::tie(a.line, a.column) < std::tie(b.line, b.column);
    });
    return fail(std::move(errors));
  }
  for (const auto& axis : axes)
    if (std::find(grid.varying.begin(), grid.varying.end(), axis.front().pub.path) == grid.varying.end())
      grid.varying.push_back(axis.front().pub.path);
  for (const auto& point : listed)
    for (const auto& o : point)
      if (std::find(grid.varying.begin(), grid.varying.end(), o.pub.path) == grid.varying.end())
        grid.varying.push_back(o.pub.path);
  SweepGridLoadResult out;
  out.grid = std::move(grid);
  return out;
}

SweepGridLoadResult load_sweep_grid(const std::filesystem::path& grid_file, const std::filesystem::path& base_config) {
  auto slurp = [](const std::filesystem::path& p, std::string& text) {
    std::ifstream in(p, std::ios::binary);
    if (!in) return false;
    std::ostringstream s;
    s << in.rdbuf();
    text = s.str();
    return true;
  };
  std::string base_text, grid_text;
  if (!slurp(base_config, base_text))
    return fail({ConfigError{base_config.string(), 0, 0, "", "cannot open the configuration file"}});
  if (!slurp(grid_file, grid_text)) return fail({ConfigError{grid_file.string(), 0, 0, "", "cannot open the grid file"}});
  const std::filesystem::path base_dir = base_config.has_parent_path() ? base_config.parent_path() : std::filesystem::path(".");
  SweepGridLoadResult r = load_sweep_grid_from_string(grid_text, grid_file.string(), base_text, base_config.string(), base_dir);
  if (r.grid) {
    r.grid->file = grid_file;
    for (auto& p : r.grid->points) p.config.source = base_config;
  }
  return r;
}

}  // namespace alvh::config
