import CareCases
import CareCore
import Plot

/// What a form was given and what was wrong with it, so the page can show both.
struct FormState: Sendable {
  var values: [String: String] = [:]
  var errors: [FieldError] = []

  subscript(_ field: String) -> String { values[field] ?? "" }

  func error(_ field: String) -> String? { errors.first { $0.field == field }?.message }
}

/// GOV.UK form patterns: labels always, hints, errors at the field and in a summary that links to it.
enum Forms {
  static func errorSummary(_ errors: [FieldError]) -> Node<HTML.BodyContext> {
    .if(
      !errors.isEmpty,
      .div(
        .class("error-summary"), .id("error-summary"), .attribute(named: "tabindex", value: "-1"),
        .attribute(named: "aria-labelledby", value: "error-summary-title"),
        .h2(.id("error-summary-title"), "There is a problem"),
        .ul(.forEach(errors) { .li(.a(.href("#\(anchor($0.field))"), .text($0.message))) })
      ))
  }

  /// Date fields link to their first box ("day").
  static func anchor(_ field: String) -> String { field }

  /// The message at a field, announced as an error to screen readers.
  static func errorMessage(_ name: String, _ message: String) -> Node<HTML.FormContext> {
    .p(.class("error-message"), .id("\(name)-error"), .span(.class("visually-hidden"), "Error: "), .text(message))
  }

  static func csrf(_ token: String) -> Node<HTML.FormContext> {
    .input(.type(.hidden), .name("csrf_token"), .value(token))
  }

  static func text(
    _ name: String, label: String, hint: String? = nil, state: FormState, type: HTMLInputType = .text,
    autocomplete: String? = nil, width: String = "wide"
  ) -> Node<HTML.FormContext> {
    let error = state.error(name)
    let described = [hint.map { _ in "\(name)-hint" }, error.map { _ in "\(name)-error" }]
      .compactMap { $0 }.joined(separator: " ")
    return .div(
      .class(error == nil ? "field" : "field field-error"),
      .label(.for(name), .text(label)),
      .unwrap(hint) { .p(.class("hint"), .id("\(name)-hint"), .text($0)) },
      .unwrap(error) {
        errorMessage(name, $0)
      },
      .input(
        .type(type), .name(name), .id(name), .class("input \(width)"),
        .value(type == .password ? "" : state[name]),
        .attribute(named: "aria-describedby", value: described),
        .attribute(named: "aria-invalid", value: error == nil ? nil : "true"),
        .attribute(named: "autocomplete", value: autocomplete)
      )
    )
  }

  static func textarea(_ name: String, label: String, hint: String? = nil, state: FormState)
    -> Node<HTML.FormContext>
  {
    let error = state.error(name)
    return .div(
      .class(error == nil ? "field" : "field field-error"),
      .label(.for(name), .text(label)),
      .unwrap(hint) { .p(.class("hint"), .id("\(name)-hint"), .text($0)) },
      .unwrap(error) {
        errorMessage(name, $0)
      },
      .textarea(
        .name(name), .id(name), .class("input wide"), .rows(4),
        .attribute(
          named: "aria-describedby",
          value: [hint.map { _ in "\(name)-hint" }, error.map { _ in "\(name)-error" }].compactMap { $0 }
            .joined(separator: " ")),
        .attribute(named: "aria-invalid", value: error == nil ? nil : "true"),
        .text(state[name]))
    )
  }

  /// A set of radios in a fieldset with a legend; the first radio carries the field's id.
  static func radios(
    _ name: String, legend: String, options: [(value: String, label: String, hint: String?)],
    state: FormState
  ) -> Node<HTML.FormContext> {
    let error = state.error(name)
    return .div(
      .class(error == nil ? "field" : "field field-error"),
      .fieldset(
        .element(named: "legend", nodes: [.text(legend)]),
        .unwrap(error) {
          errorMessage(name, $0)
        },
        .forEach(Array(options.enumerated())) { pair in
          let (index, option) = pair
          let id = index == 0 ? name : "\(name)-\(index)"
          return .div(
            .class("radio"),
            .input(
              .type(.radio), .name(name), .id(id), .value(option.value),
              .checked(state[name] == option.value)),
            .label(.for(id), .text(option.label)),
            .unwrap(option.hint) { .p(.class("hint"), .text($0)) }
          )
        }
      )
    )
  }

  static func checkbox(_ name: String, label: String, hint: String?, state: FormState)
    -> Node<HTML.FormContext>
  {
    .div(
      .class("field checkbox"),
      .input(.type(.checkbox), .name(name), .id(name), .value("true"), .checked(state[name] == "true")),
      .label(.for(name), .text(label)),
      .unwrap(hint) { .p(.class("hint"), .text($0)) }
    )
  }

  /// A date as three boxes (day, month, year), the GOV.UK pattern: easier than a picker for most.
  static func date(_ name: String, legend: String, hint: String, state: FormState) -> Node<HTML.FormContext> {
    let error = state.error(name)
    let parts = state[name].split(separator: "-").map(String.init)
    let (year, month, day) = parts.count == 3 ? (parts[0], parts[1], parts[2]) : ("", "", "")
    func box(_ suffix: String, _ label: String, _ value: String, _ width: String) -> Node<HTML.FormContext> {
      let id = suffix == "day" ? name : "\(name)-\(suffix)"
      return .div(
        .class("date-item"),
        .label(.for(id), .text(label)),
        .input(
          .type(.text), .name("\(name)-\(suffix)"), .id(id), .class("input \(width)"), .value(value),
          .attribute(named: "inputmode", value: "numeric"))
      )
    }
    return .div(
      .class(error == nil ? "field" : "field field-error"),
      .fieldset(
        .attribute(named: "role", value: "group"),
        .attribute(named: "aria-describedby", value: "\(name)-hint"),
        .element(named: "legend", nodes: [.text(legend)]),
        .p(.class("hint"), .id("\(name)-hint"), .text(hint)),
        .unwrap(error) {
          errorMessage(name, $0)
        },
        .div(
          .class("date"), box("day", "Day", day, "w2"), box("month", "Month", month, "w2"),
          box("year", "Year", year, "w4"))
      )
    )
  }

  /// A select with a label, an empty first choice and the field's error.
  static func select(
    _ name: String, label: String, empty: String, options: [(value: String, label: String)], state: FormState
  ) -> Node<HTML.FormContext> {
    .div(
      .class(state.error(name) == nil ? "field" : "field field-error"),
      .label(.for(name), .text(label)),
      .unwrap(state.error(name)) { Forms.errorMessage(name, $0) },
      .select(
        .attribute(named: "name", value: name), .attribute(named: "id", value: name),
        .element(
          named: "option", nodes: [.attribute(named: "value", value: "", ignoreIfValueIsEmpty: false), .text(empty)]),
        .forEach(options) { option in
          .element(
            named: "option",
            nodes: [
              .attribute(named: "value", value: option.value),
              .attribute(named: "selected", value: state[name] == option.value ? "selected" : nil),
              .text(option.label),
            ])
        }))
  }

  static func submit(_ label: String) -> Node<HTML.FormContext> {
    .button(.type(.submit), .class("button"), .text(label))
  }
}
