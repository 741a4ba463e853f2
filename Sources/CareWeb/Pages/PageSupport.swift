import CareCases
import CareCore
import Plot
import Vapor

extension Request {
  func layout(_ title: String, crumbs: [Layout.Crumb] = [], hasErrors: Bool = false) -> Layout {
    Layout(
      title: title, breadcrumbs: crumbs, account: account, offers: offers, csrf: csrfToken, hasErrors: hasErrors,
      easyRead: account?.prefersEasyRead ?? false,
      idleSeconds: account == nil ? nil : Int(care.config.idleTimeout))
  }

  /// The posted form as plain fields, with three-box dates joined into `YYYY-MM-DD`.
  func formState() throws -> FormState {
    var values = FormState.joiningDates((try? content.decode([String: String].self)) ?? [:])
    values["csrf_token"] = nil
    return FormState(values: values)
  }
}

extension FormState {
  /// Three-box dates (`x-day`, `x-month`, `x-year`) joined into `x` as `YYYY-MM-DD` ("" when all are empty,
  /// "invalid" when they are not numbers).
  static func joiningDates(_ fields: [String: String]) -> [String: String] {
    var values = fields
    for key in values.keys where key.hasSuffix("-day") {
      let name = String(key.dropLast(4))
      let parts = [values["\(name)-year"], values["\(name)-month"], values[key]]
        .map { ($0 ?? "").trimmingCharacters(in: .whitespaces) }
      if parts.allSatisfy(\.isEmpty) {
        values[name] = ""
      } else if let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) {
        values[name] = String(format: "%04d-%02d-%02d", y, m, d)
      } else {
        values[name] = "invalid"
      }
    }
    return values
  }
}

extension PageView {
  func response(_ status: HTTPStatus = .ok) -> Response {
    var headers = HTTPHeaders()
    headers.contentType = .html
    headers.replaceOrAdd(name: .cacheControl, value: "no-store")
    return Response(status: status, headers: headers, body: .init(string: render()))
  }
}

/// A page that says one thing: confirmation, or an error.
struct MessagePage: PageView {
  let layout: Layout
  let heading: String
  let lines: [String]
  var link: (label: String, url: SiteURL)? = nil

  var body: Node<HTML.BodyContext> {
    .group(
      .h1(.text(heading)),
      .forEach(lines) { .p(.text($0)) },
      .unwrap(link) { .p(.a(.href($0.url.path), .text($0.label))) }
    )
  }
}

/// An initials avatar: a picture for each person, readable without one.
func avatar(_ account: Account) -> Node<HTML.BodyContext> {
  .span(.class("avatar"), .attribute(named: "aria-hidden", value: "true"), .text(account.initials))
}

/// A person's communication needs (Accessible Information Standard), shown first to everyone in the team.
func communicationNeeds(_ needs: String?, heading: String) -> Node<HTML.BodyContext> {
  .unwrap(needs) { needs in
    .div(.class("important"), .attribute(named: "role", value: "note"), .h2(.text(heading)), .p(.text(needs)))
  }
}

/// The days of a run (invoices, pay): the form's two three-box dates, `from` and `through`. A box left empty
/// is nil (the use case says it is needed); one that is not a date is refused here with the field's name.
enum RunDays {
  static func read(_ state: FormState) throws -> (from: Day?, through: Day?) {
    let from = Day(iso: state["from"])
    let through = Day(iso: state["through"])
    var v = Validator()
    if from == nil && !state["from"].isEmpty { v.add("from", "Give the first day as a date, for example 1 6 2026") }
    if through == nil && !state["through"].isEmpty {
      v.add("through", "Give the last day as a date, for example 30 6 2026")
    }
    try v.check()
    return (from, through)
  }
}

/// A CSV file to download (RFC 4180 text, UTF-8, with a header row), never cached.
func csvResponse(_ text: String, filename: String) -> Response {
  var headers = HTTPHeaders()
  headers.replaceOrAdd(name: .contentType, value: "text/csv; charset=utf-8; header=present")
  headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(filename)\"")
  headers.replaceOrAdd(name: .cacheControl, value: "no-store")
  return Response(status: .ok, headers: headers, body: .init(string: text))
}

extension Request {
  /// The Idempotency-Key header a posting through the API needs (the same key and request again answers as
  /// the first time); missing, the request is refused naming the header.
  func idempotencyKey() throws -> String {
    guard let key = headers.first(name: "Idempotency-Key") else {
      throw CareError.invalid("Idempotency-Key", "Send an Idempotency-Key header: a new one for each new request")
    }
    return key
  }
}

extension HTTPHeaders {
  /// Says the answer is the first answer to the same key and request, sent again.
  mutating func markReplayed() { replaceOrAdd(name: "Idempotent-Replayed", value: "true") }
}
