import Plot

// Plot 0.14 escapes text nodes but writes every attribute as `name="value"` exactly as given, so a value
// a person typed (or a `?next=` in a link) could close the attribute and add markup. This file is the one
// fix: each Plot attribute helper CareWeb uses is declared again here with the same signature, and a
// declaration in this module shadows the imported one, so every `.value(…)`, `.href(…)`,
// `.attribute(named:value:)` … written in CareWeb escapes its value. `EscapingTests` renders each helper
// with markup in it; `FormEscapingTests` parses random strings back out of the form helpers.

enum AttributeText {
  /// The value as it may stand between double quotes: `& " ' < >` become character references.
  static func escape(_ value: String) -> String {
    var out = ""
    out.reserveCapacity(value.utf8.count)
    for scalar in value.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  static func node<C>(_ name: String, _ value: String?, ignoreIfEmpty: Bool = true) -> Node<C> {
    .attribute(Attribute<C>(name: name, value: value.map(escape), ignoreIfValueIsEmpty: ignoreIfEmpty))
  }

  static func attribute<C>(_ name: String, _ value: String?) -> Attribute<C> {
    Attribute<C>(name: name, value: value.map(escape))
  }
}

extension Node {
  static func attribute(named name: String, value: String?, ignoreIfValueIsEmpty: Bool = true) -> Node {
    AttributeText.node(name, value, ignoreIfEmpty: ignoreIfValueIsEmpty)
  }
}

extension Attribute {
  static func attribute(named name: String, value: String?) -> Self { AttributeText.attribute(name, value) }
}

extension Node where Context: HTMLContext {
  static func id(_ id: String) -> Node { AttributeText.node("id", id) }
  static func `class`(_ className: String) -> Node { AttributeText.node("class", className) }
  static func title(_ title: String) -> Node { AttributeText.node("title", title) }
}

extension Attribute where Context: HTMLContext {
  static func id(_ id: String) -> Attribute { AttributeText.attribute("id", id) }
  static func `class`(_ className: String) -> Attribute { AttributeText.attribute("class", className) }
  static func title(_ title: String) -> Attribute { AttributeText.attribute("title", title) }
}

extension Node where Context: HTMLNamableContext {
  static func name(_ name: String) -> Node { AttributeText.node("name", name) }
}

extension Attribute where Context: HTMLNamableContext {
  static func name(_ name: String) -> Attribute { AttributeText.attribute("name", name) }
}

extension Node where Context: HTMLValueContext {
  static func value(_ value: String) -> Node { AttributeText.node("value", value) }
}

extension Attribute where Context: HTMLValueContext {
  static func value(_ value: String) -> Attribute { AttributeText.attribute("value", value) }
}

extension Node where Context: HTMLLinkableContext {
  static func href(_ url: URLRepresentable) -> Node { AttributeText.node("href", url.description) }
}

extension Attribute where Context: HTMLLinkableContext {
  static func href(_ url: URLRepresentable) -> Attribute { AttributeText.attribute("href", url.description) }
}

extension Node where Context: HTMLSourceContext {
  static func src(_ url: URLRepresentable) -> Node { AttributeText.node("src", url.description) }
}

extension Attribute where Context: HTMLSourceContext {
  static func src(_ url: URLRepresentable) -> Attribute { AttributeText.attribute("src", url.description) }
}

extension Node where Context == HTML.FormContext {
  static func action(_ url: URLRepresentable) -> Node { AttributeText.node("action", url.description) }
}

extension Node where Context == HTML.LabelContext {
  static func `for`(_ target: String) -> Node { AttributeText.node("for", target) }
}

extension Attribute where Context == HTML.MetaContext {
  static func content(_ content: String) -> Attribute { AttributeText.attribute("content", content) }
}

extension AttributeText {
  /// Each helper declared above, rendered with `value`: a test holds every one to escaping (from outside
  /// this module both declarations are visible and a call would be ambiguous, so the list lives here).
  static func everyHelper(rendering value: String) -> [String] {
    let body: [Node<HTML.BodyContext>] = [
      .div(.id(value)), .div(.class(value)), .div(.title(value)), .div(.attribute(named: "data-x", value: value)),
      .a(.href(value)), .form(.action(value)), .form(.input(.name(value))), .form(.input(.value(value))),
      .form(.label(.for(value))),
    ]
    let head: [Node<HTML.HeadContext>] = [
      .script(.src(value)), .meta(.name(value)), .meta(.content(value)), .link(.href(value)),
      .meta(.attribute(named: "x", value: value)),
    ]
    let attributes: [Node<HTML.BodyContext>] = [
      .element(named: "p", attributes: [Attribute<HTML.BodyContext>.id(value)]),
      .element(named: "p", attributes: [Attribute<HTML.BodyContext>.class(value)]),
      .element(named: "p", attributes: [Attribute<HTML.BodyContext>.title(value)]),
    ]
    return (body + attributes).map { $0.render() } + head.map { $0.render() }
  }
}
