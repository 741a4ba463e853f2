import CareCases
import CareCore
import CareLedger
import Plot
import Vapor

/// The person's hours: for each agreement, this period's hours (given, used, left) and the bank, drawn as a
/// chart on the server (no script needed) and said in words; what expires when; banking and drawing (the
/// person's choice, two steps); the history of every movement; the finance hat's form for an agreement.
struct HoursPage: PageView {
  let layout: Layout
  let model: HoursModel
  let state: FormState
  let notice: Notice?

  enum Notice: String {
    case banked, drawn, recorded, undone

    var words: String {
      switch self {
      case .undone: "Undone. The history shows both, with why."
      case .banked: "Banked."
      case .drawn: "Taken from the bank: they are yours to use this period."
      case .recorded: "The agreement is recorded."
      }
    }
  }

  var first: String { Account.firstName(of: model.personName) }
  var person: ID<Person> { model.team.person.id }
  var isOwner: Bool { layout.account?.id == model.team.personAccount.id }

  var body: Node<HTML.BodyContext> {
    .group(
      Forms.errorSummary(state.errors),
      easyReadToggle(on: layout.easyRead, csrf: layout.csrf, returnTo: .teamHours(.value(person))),
      .h1(.text(isOwner ? "Your hours" : "\(model.personName)'s hours")),
      .unwrap(notice) { notice in
        .p(
          .class("notice"), .attribute(named: "role", value: "status"),
          .text(notice.words))
      },
      .p(
        .class("lead"),
        .text(
          "The hours are \(isOwner ? "yours" : first + "'s"): used at visits, banked for later within the "
            + "agreement's rules, or taken back from the bank.")),
      model.agreements.isEmpty
        ? .p(.text("No funding agreement is recorded yet."))
        : .group(.forEach(model.agreements) { layout.easyRead ? easy($0) : agreement($0) }),
      .p(.class("hint"), .text(FundingAgreement.payerRule + " Its hours are used once both sides confirm its times.")),
      .if(
        model.mayViewMoney,
        .p(
          .a(
            .href(SiteURL.teamPayments(.value(person)).path),
            .text(isOwner ? "What you pay towards your care" : "What \(first) pays towards their care")))),
      .if(
        !model.unpaid.isEmpty,
        .section(
          .class("notice warning"), .attribute(named: "aria-labelledby", value: "unpaid-title"),
          .h2(.id("unpaid-title"), "Visits no agreement pays for"),
          .p(
            "Their times are confirmed, but no agreement covers the day with the hours left. The co-op will sort it out."
          ),
          .ul(
            .class("plain-list"),
            .forEach(model.unpaid) { .li(.text("\($0.day.longText): \(Minutes($0.minutes).spoken)")) }))),
      .if(model.mayManage, recordForm),
      printLink())
  }

  func agreement(_ h: AgreementHours) -> Node<HTML.BodyContext> {
    let t = h.agreement.terms
    let id = h.agreement.id.description
    var rules: [String] = [
      "\(Minutes(t.minutesPerPeriod).spoken) \(t.period.label), from \(t.starts.longText)"
        + (t.ends.map { " to \($0.longText)" } ?? "") + "."
    ]
    rules.append(
      t.bankLimitMinutes.map { "Up to \(Minutes($0).spoken) may be banked; each lot lasts \(t.bankWeeks) weeks." }
        ?? "Hours cannot be banked under this agreement.")
    if let low = t.compressMinMinutes, let high = t.compressMaxMinutes {
      rules.append("Fewer, longer visits are allowed: from \(Minutes(low).spoken) to \(Minutes(high).spoken) each.")
    }
    if t.noticeDays > 0 { rules.append("The funder needs \(t.noticeDays) days' notice of a change.") }
    if model.mayViewMoney { rules.append("Charged at \(Pence(t.ratePence).formatted) an hour.") }
    return .section(
      .class("card"), .attribute(named: "aria-labelledby", value: "agreement-\(id)"),
      .h2(.id("agreement-\(id)"), .text("\(t.funderName) (\(t.funder.label.lowercased()))")),
      .forEach(rules) { .p(.text($0)) },
      .unwrap(h.period) { period in
        .group(
          .h3(.text("This period: \(period.lowerBound.longText) to \(period.upperBound.longText)")),
          chart(h),
          .ul(
            .class("plain-list"),
            .li(.text("Given: \(Minutes(h.givenThisPeriod).spoken).")),
            .li(.text("Used at visits: \(Minutes(h.usedThisPeriod).spoken).")),
            .li(.text("Left to use: \(Minutes(h.available).spoken).")),
            .li(.text("Banked: \(Minutes(h.banked).spoken).")),
            .unwrap(h.forecast) { left in
              .li(
                .text(
                  left >= 0
                    ? "If the published visits happen: \(Minutes(left).spoken) left on \(period.upperBound.longText)."
                    : "If the published visits happen: \(Minutes(-left).spoken) more than there is by "
                      + "\(period.upperBound.longText) (draw on the bank, or change the visits)."))
            })
        )
      },
      .if(
        !h.expiring.isEmpty,
        .group(
          .h3("When banked hours expire"),
          .ul(
            .class("plain-list"),
            .forEach(h.expiring) { .li(.text("\(Minutes($0.minutes).spoken) on \($0.day.longText)")) }))),
      .if(model.mayChange && h.period != nil, changeForms(h)),
      history(h))
  }

  /// Easy Read: short sentences, one idea each, spoken to the person; the forms as they are.
  func easy(_ h: AgreementHours) -> Node<HTML.BodyContext> {
    let you = isOwner ? "You" : first
    let have = isOwner ? "have" : "has"
    let period: String =
      switch h.agreement.terms.period {
      case .week: "this week"
      case .fourWeeks: "in these four weeks"
      case .month: "this month"
      }
    var lines = [
      "\(h.agreement.terms.funderName) pays for \(Minutes(h.agreement.terms.minutesPerPeriod).spoken) \(period).",
      "\(you) \(have) \(Minutes(h.available).spoken) left to use \(period).",
      "\(you) \(have) used \(Minutes(h.usedThisPeriod).spoken) \(period).",
      "\(you) \(have) \(Minutes(h.banked).spoken) in the bank.",
    ]
    lines += h.expiring.map {
      "\(Minutes($0.minutes).spoken) in the bank must be used by \($0.day.adding(days: -1).longText)."
    }
    return .section(
      .class("card"), .attribute(named: "aria-labelledby", value: "agreement-\(h.agreement.id)"),
      .h2(.id("agreement-\(h.agreement.id)"), .text(h.agreement.terms.funderName)),
      .ul(.class("easy-lines"), .forEach(lines) { .li(.text($0)) }),
      .if(model.mayChange && h.period != nil, changeForms(h)))
  }

  /// Three bars on one scale: used, left and banked, each labelled with its hours (the words above say the
  /// same for those who do not see it).
  func chart(_ h: AgreementHours) -> Node<HTML.BodyContext> {
    let id = "chart-\(h.agreement.id)"
    let bars: [(String, Int, String)] = [
      ("Used", h.usedThisPeriod, "bar-used"), ("Left", h.available, "bar-left"), ("Banked", h.banked, "bar-banked"),
    ]
    let scale = Double(max(h.givenThisPeriod, h.banked, h.available + h.usedThisPeriod, 1))
    return .element(
      named: "svg",
      nodes: [
        .attribute(named: "class", value: "hours-chart"), .attribute(named: "viewBox", value: "0 0 400 96"),
        .attribute(named: "role", value: "img"), .attribute(named: "aria-labelledby", value: "\(id)-title \(id)-desc"),
        .element(named: "title", nodes: [.attribute(named: "id", value: "\(id)-title"), .text("Hours this period")]),
        .element(
          named: "desc",
          nodes: [
            .attribute(named: "id", value: "\(id)-desc"),
            .text(bars.map { "\($0.0): \(Minutes($0.1).spoken)" }.joined(separator: ". ")),
          ]),
        .group(
          bars.enumerated().map { index, bar in
            let y = index * 32
            let width = Int((Double(bar.1) / scale * 250).rounded())
            return .group(
              .element(
                named: "text",
                nodes: [
                  .attribute(named: "x", value: "0"), .attribute(named: "y", value: "\(y + 19)"),
                  .attribute(named: "class", value: "chart-label"), .text(bar.0),
                ]),
              .element(
                named: "rect",
                nodes: [
                  .attribute(named: "x", value: "70"), .attribute(named: "y", value: "\(y + 4)"),
                  .attribute(named: "width", value: "\(max(width, 1))"), .attribute(named: "height", value: "22"),
                  .attribute(named: "class", value: bar.2),
                ]),
              .element(
                named: "text",
                nodes: [
                  .attribute(named: "x", value: "\(76 + width)"), .attribute(named: "y", value: "\(y + 19)"),
                  .attribute(named: "class", value: "chart-label"), .text(Minutes(bar.1).clock),
                ]))
          }),
      ])
  }

  func changeForms(_ h: AgreementHours) -> Node<HTML.BodyContext> {
    let id = h.agreement.id.description
    func form(_ kind: String, _ title: String, _ hint: String, _ button: String, url: SiteURL) -> Node<HTML.BodyContext>
    {
      let prefix = "\(kind)-\(id)"
      let error = state.error("\(prefix)-hours")
      return .form(
        .class("no-print"), .action(url.path), .method(.post), .attribute(named: "novalidate"),
        Forms.csrf(layout.csrf),
        .input(.type(.hidden), .name("agreementID"), .value(id)),
        .div(
          .class(error == nil ? "field" : "field field-error"),
          .fieldset(
            .attribute(named: "role", value: "group"), .attribute(named: "aria-describedby", value: "\(prefix)-hint"),
            .element(named: "legend", nodes: [.text(title)]),
            .p(.class("hint"), .id("\(prefix)-hint"), .text(hint)),
            .unwrap(error) { Forms.errorMessage("\(prefix)-hours", $0) },
            .div(
              .class("date"),
              .div(
                .class("date-item"), .label(.for("\(prefix)-hours"), "Hours"),
                .input(
                  .type(.text), .name("\(prefix)-hours"), .id("\(prefix)-hours"), .class("input w4"),
                  .value(state["\(prefix)-hours"]), .attribute(named: "inputmode", value: "numeric"))),
              .div(
                .class("date-item"), .label(.for("\(prefix)-minutes"), "Minutes"),
                .input(
                  .type(.text), .name("\(prefix)-minutes"), .id("\(prefix)-minutes"), .class("input w2"),
                  .value(state["\(prefix)-minutes"]), .attribute(named: "inputmode", value: "numeric")))))),
        Forms.submit(button))
    }
    return .group(
      .if(
        h.agreement.terms.bankLimitMinutes != nil,
        form(
          "bank", "Bank some of this period's hours",
          "They wait in the bank for a later week. You will see what it does before it is done.", "Bank these hours",
          url: .teamHoursBank(.value(person)))),
      .if(
        h.banked > 0,
        form(
          "draw", "Use banked hours this period", "The oldest banked hours are used first.", "Use these banked hours",
          url: .teamHoursDraw(.value(person)))))
  }

  func history(_ h: AgreementHours) -> Node<HTML.BodyContext> {
    guard !h.records.isEmpty else { return .p("Nothing has moved yet.") }
    let undone = Set(h.records.compactMap(\.entry.reverses))
    return .details(
      .summary(.text("Every movement of these hours (\(h.records.count))")),
      .div(
        .class("table-wrap"), .attribute(named: "role", value: "region"),
        .attribute(named: "aria-label", value: "Movements of \(h.agreement.terms.funderName) hours"),
        .attribute(named: "tabindex", value: "0"),
        .table(
          .caption(.class("visually-hidden"), "Every movement of these hours, newest first"),
          .thead(
            .tr(.th("When"), .th("What"), .th("Hours"), .th("Why"), .th("Who"), .if(model.mayChange, .th("Undo")))),
          .tbody(.forEach(h.records) { historyRow($0, undone: undone) }))))
  }

  func historyRow(_ r: HoursRecord, undone: Set<UUID>) -> Node<HTML.TableContext> {
    let calendar = CoopCalendar.london
    let when =
      "\(calendar.day(of: r.entry.at).longText), " + CoopCalendar.clockText(calendar.minuteOfDay(of: r.entry.at))
    let undoable = (r.entry.kind == .bank || r.entry.kind == .draw) && !undone.contains(r.entry.id)
    return .tr(
      .td(.text(when)), .td(.text(Self.words(r.entry.kind))), .td(.text(Minutes(r.entry.minutes).clock)),
      .td(.text(r.reason)), .td(.text(model.name(r.actorID))),
      .if(
        model.mayChange,
        .td(
          .if(
            undoable,
            .a(
              .href(SiteURL.teamHoursUndo(.value(person), .value(ID(r.entry.id))).path),
              .text("Undo"),
              .span(.class("visually-hidden"), .text(" \(Self.words(r.entry.kind).lowercased()), \(when)")))))))
  }

  static func words(_ kind: HoursEntryKind) -> String {
    switch kind {
    case .allocate: "Given"
    case .use: "Used at a visit"
    case .bank: "Banked"
    case .draw: "Taken from the bank"
    case .expire: "Expired from the bank"
    case .lapse: "Not used in the period"
    case .reverse: "Corrected"
    }
  }

  var recordForm: Node<HTML.BodyContext> {
    .section(
      .class("no-print"), .attribute(named: "aria-labelledby", value: "record-title"),
      .h2(.id("record-title"), "Record a funding agreement"),
      .form(
        .action(SiteURL.teamHoursAgreements(.value(person)).path), .method(.post), .attribute(named: "novalidate"),
        Forms.csrf(layout.csrf),
        Forms.radios(
          "funder", legend: "Who pays?", options: FunderKind.allCases.map { ($0.rawValue, $0.label, nil) },
          state: state),
        Forms.text("funderName", label: "The funder's name", hint: "Like “Leeds City Council”.", state: state),
        Forms.text("hoursPerPeriod", label: "Hours a period", state: state, width: "w5"),
        Forms.radios(
          "period", legend: "How often?",
          options: FundingPeriod.allCases.map { ($0.rawValue, $0.label.capitalizedFirst, nil) }, state: state),
        Forms.date("starts", legend: "First day", hint: "For example, 1 12 2026", state: state),
        Forms.date("ends", legend: "Last day (if there is one)", hint: "Leave empty if it has no end.", state: state),
        Forms.text(
          "ratePence", label: "The rate an hour, in pence", hint: "For example, 2450 for £24.50", state: state,
          width: "w10"),
        Forms.text(
          "bankLimitHours", label: "Hours that may be banked (if any)", hint: "Leave empty if banking is not allowed.",
          state: state, width: "w5"),
        Forms.text("bankWeeks", label: "Weeks banked hours last", state: state, width: "w5"),
        Forms.text(
          "compressMinMinutes", label: "Shortest visit when compressing, in minutes (if allowed)", state: state,
          width: "w5"),
        Forms.text(
          "compressMaxMinutes", label: "Longest visit when compressing, in minutes", state: state, width: "w5"),
        Forms.text("noticeDays", label: "Days of notice the funder needs", state: state, width: "w5"),
        Forms.submit("Record the agreement")))
  }
}
