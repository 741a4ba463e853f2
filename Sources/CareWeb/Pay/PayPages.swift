import CareCases
import CareCore
import CareLedger
import Plot
import Vapor

private func region<C: HTML.BodyContext>(_ label: String, _ table: Node<C>) -> Node<C> {
  .div(
    .class("table-wrap"), .attribute(named: "role", value: "region"), .attribute(named: "aria-label", value: label),
    .attribute(named: "tabindex", value: "0"), table)
}

private func itemWords(_ item: PayItem) -> String {
  switch item {
  case .care: "Care visits"
  case .unsocial: "Unsocial hours extra"
  case .travel: "Travel between visits"
  }
}

/// A payslip's lines and total: what was worked, at what rate, for how much.
private func linesTable<C: HTML.BodyContext>(_ reckoning: PayReckoning, label: String) -> Node<C> {
  let rows: [Node<HTML.TableContext>] = reckoning.lines.map { line in
    .tr(
      .th(.attribute(named: "scope", value: "row"), .text(itemWords(line.item))),
      .td(.text(Minutes(line.minutes).clock)), .td(.text(Pence(line.hourlyPence).formatted)),
      .td(.text(Pence(line.pence).formatted)))
  }
  return region(
    label,
    .table(
      .caption(.class("visually-hidden"), .text(label)),
      .thead(.tr(.th("What"), .th("Hours"), .th("Rate an hour"), .th("Pay"))),
      .tbody(.group(rows)),
      .tfoot(
        .tr(
          .th(.attribute(named: "scope", value: "row"), "Total"), .td(.text(Minutes(reckoning.workingMinutes).clock)),
          .td(), .td(.strong(.text(Pence(reckoning.pence).formatted)))))))
}

/// What a payslip earned, paid and left in the steady pay balance, as a short list of figures.
private func paymentList<C: HTML.BodyContext>(_ payment: SteadyPayment) -> Node<C> {
  let held = -payment.adjustmentPence
  let how =
    payment.periods > 1 ? "Steady pay over \(payment.periods) pay runs" : "Plain pay: what was earned"
  return .dl(
    .class("figures"),
    .dt("Earned"), .dd(.text(Pence(payment.earnedPence).formatted)),
    .dt("Paid"),
    .dd(
      .strong(.text(Pence(payment.paidPence).formatted)),
      .text(
        " — \(how)"
          + (payment.settledPence > 0
            ? ", with the whole balance (\(Pence(payment.settledPence).formatted)) for "
              + (payment.settled?.words ?? "settling")
            : held > 0
              ? ": \(Pence(held).formatted) kept in the balance"
              : held < 0 ? ": \(Pence(-held).formatted) from the balance" : ""))),
    .dt("Steady pay balance after"), .dd(.text(Pence(payment.balancePence).formatted)))
}

/// The minimum wage check in words.
private func minimumWords(_ reckoning: PayReckoning, employed: Bool) -> String {
  guard employed else { return "Self-employed: the minimum wage check does not apply." }
  let hours = Minutes(reckoning.workingMinutes).spoken
  let minimum = Pence(reckoning.minimumHourlyPence).formatted
  return reckoning.shortfallPence > 0
    ? "Below the minimum wage: \(hours) of working time needs at least \(minimum) an hour; "
      + "\(Pence(reckoning.shortfallPence).formatted) short."
    : "At or above the minimum wage (\(minimum) an hour) for \(hours) of working time, travel included."
}

/// The finance hat's pay page.
struct PayPage: PageView {
  let layout: Layout
  let model: PayModel
  let state: FormState
  let notice: Bool

  var body: Node<HTML.BodyContext> {
    .group(
      Forms.errorSummary(state.errors),
      .h1("Pay"),
      .p(.class("lead"), .text(model.table.words)),
      .p(
        .text("The members set this table by their decisions ("),
        .a(.href(SiteURL.settings.path), "the co-op's settings and their history"),
        .text("). A run uses the table in force on its first day.")),
      .unwrap(model.upcoming.isEmpty ? nil : model.upcoming) { upcoming in
        .ul(
          .forEach(upcoming) { entry in
            .li(
              .text(
                "From \(entry.from.longText): \(entry.setting.label.lowercased()), \(entry.setting.text(entry.value)).")
            )
          })
      },
      .p(
        .text(
          "Each run pays the visits whose times were confirmed and not paid before, and checks each employee's pay "
            + "for all working time against the minimum wage in force (\(Pence(MinimumWage.hourlyPence(on: model.today)).formatted) "
            + "an hour today).")),
      runForm, runs)
  }

  var runForm: Node<HTML.BodyContext> {
    .section(
      .attribute(named: "aria-labelledby", value: "run-title"),
      .h2(.id("run-title"), "Run pay"),
      .form(
        .action(SiteURL.payRuns.path), .method(.post), .attribute(named: "novalidate"), Forms.csrf(layout.csrf),
        Forms.date("from", legend: "First day of visits", hint: "For example, 1 6 2026", state: state),
        Forms.date(
          "through", legend: "Last day of visits", hint: "For example, 30 6 2026. Not after today.", state: state),
        Forms.checkbox(
          "yearEnd", label: "This is the tax year's last pay run",
          hint: "Everyone on steady pay is paid their whole balance.", state: state),
        Forms.submit("See what would be paid")))
  }

  var runs: Node<HTML.BodyContext> {
    let items: [Node<HTML.ListContext>] = model.runs.map { run in
      let total = run.payslips.reduce(0) { $0 + $1.payment.paidPence }
      return .li(
        .a(
          .href(SiteURL.payRun(.value(ID(run.id))).path),
          .text("\(run.period.from.longText) to \(run.period.through.longText)")),
        .text(
          ": \(run.payslips.count) payslips, \(Pence(total).formatted), run by \(model.name(run.ranBy)) on "
            + CoopCalendar.london.day(of: run.ranAt).longText))
    }
    return .section(
      .attribute(named: "aria-labelledby", value: "runs-title"),
      .h2(.id("runs-title"), "Runs"),
      model.runs.isEmpty ? .p("No run yet.") : .ul(.class("list"), .group(items)))
  }
}

/// What a pay run would pay, before the finance hat says yes.
struct PayRunPreviewPage: PageView {
  let layout: Layout
  let preview: PayRunPreview

  var body: Node<HTML.BodyContext> {
    let p = preview
    let total = p.paidPence
    let workers: [Node<HTML.BodyContext>] = p.candidates.map { c in
      .section(
        .h2(.text(p.name(c.candidate.workerID))),
        linesTable(c.reckoning, label: "Pay for \(p.name(c.candidate.workerID))"),
        .p(
          .class(c.candidate.basis == .employed && c.reckoning.shortfallPence > 0 ? "notice warning" : "hint"),
          .text(minimumWords(c.reckoning, employed: c.candidate.basis == .employed))),
        .unwrap(p.payments[c.candidate.workerID]) { paymentList($0) })
    }
    return .group(
      .h1(.text("Pay for \(p.period.from.longText) to \(p.period.through.longText)?")),
      .p(
        .class("lead"),
        .text(
          p.candidates.isEmpty
            ? "There is nothing new to pay for these days."
            : "\(p.candidates.count) payslips, \(Pence(total).formatted) paid in all."
              + (p.yearEnd ? " The tax year's last run: every steady pay balance is paid in full." : ""))),
      .if(
        !p.shortfalls.isEmpty,
        .div(
          .class("notice warning"), .attribute(named: "role", value: "note"),
          .h2("Below the minimum wage"),
          .p(
            .text(
              p.shortfalls.map { p.name($0.candidate.workerID) }.joined(separator: ", ")
                + ": pay for all working time would fall short of \(Pence(p.minimumHourlyPence).formatted) an hour. "
                + "Raise their hourly pay before running, or pay the difference.")))),
      .group(workers),
      .section(
        .attribute(named: "aria-labelledby", value: "unpaid-title"),
        .h2(.id("unpaid-title"), .text("Work not paid by this run (\(p.unpaid.count))")),
        p.unpaid.isEmpty ? .p("Every visit of these days is paid.") : unpaidTable(p.unpaid, names: p.names)),
      p.candidates.isEmpty
        ? .p(.a(.href(SiteURL.pay.path), "Go back to pay"))
        : .group(
          .form(
            .action(SiteURL.payRuns.path), .method(.post), Forms.csrf(layout.csrf),
            .input(.type(.hidden), .name("from"), .value(p.period.from.iso)),
            .input(.type(.hidden), .name("through"), .value(p.period.through.iso)),
            .input(.type(.hidden), .name("confirm"), .value("yes")),
            .if(p.yearEnd, .input(.type(.hidden), .name("yearEnd"), .value("true"))),
            Forms.submit("Yes, run pay")),
          .p(.a(.href(SiteURL.pay.path), "No, go back to pay")))
    )
  }
}

private func unpaidTable<C: HTML.BodyContext>(_ unpaid: [UnpaidWork], names: [ID<Account>: String]) -> Node<C> {
  let rows: [Node<HTML.TableContext>] = unpaid.map { u in
    .tr(
      .td(.text(names[u.workerID] ?? "someone no longer with the co-op")), .td(.text(u.day.longText)),
      .td(.text(Minutes(u.minutes).clock)), .td(.text(u.why.words)))
  }
  return region(
    "Work not paid",
    .table(
      .caption(.class("visually-hidden"), "Work not paid, and why"),
      .thead(.tr(.th("Worker"), .th("Day"), .th("Hours"), .th("Why"))), .tbody(.group(rows))))
}

/// One pay run: every payslip, the minimum wage check, the payroll export.
struct PayRunPage: PageView {
  let layout: Layout
  let model: PayRunModel

  var body: Node<HTML.BodyContext> {
    let run = model.run
    let total = run.payslips.reduce(0) { $0 + $1.payment.paidPence }
    let short = run.payslips.filter { $0.shortfallPence > 0 }
    let slips: [Node<HTML.BodyContext>] = run.payslips.map { slip in
      .section(
        .h2(.text(model.name(slip.workerID))),
        linesTable(slip.reckoning, label: "Pay for \(model.name(slip.workerID))"),
        .p(.text(minimumWords(slip.reckoning, employed: slip.basis == .employed))),
        paymentList(slip.payment))
    }
    return .group(
      .h1(.text("Pay for \(run.period.from.longText) to \(run.period.through.longText)")),
      .p(
        .class("lead"),
        .text(
          "\(run.payslips.count) payslips, \(Pence(total).formatted) paid in all. Run by \(model.name(run.ranBy)) on "
            + "\(CoopCalendar.london.day(of: run.ranAt).longText).")),
      .p(.text(run.table.words)),
      .if(
        !short.isEmpty,
        .p(
          .class("notice warning"),
          .text("Below the minimum wage: " + short.map { model.name($0.workerID) }.joined(separator: ", ") + "."))),
      .p(
        .class("no-print"),
        .a(
          .href(SiteURL.payRunCSV(.value(ID(run.id))).path),
          .attribute(named: "download", value: "pay-\(run.period.from.iso)-\(run.period.through.iso).csv"),
          "Download for payroll (CSV for BrightPay's hourly import)")),
      .group(slips),
      .section(
        .attribute(named: "aria-labelledby", value: "unpaid-title"),
        .h2(.id("unpaid-title"), .text("Work this run did not pay (\(run.unpaid.count))")),
        run.unpaid.isEmpty ? .p("Every visit of these days was paid.") : unpaidTable(run.unpaid, names: model.names))
    )
  }
}

/// A worker's own payslips, newest first.
struct MyPayPage: PageView {
  let layout: Layout
  let model: MyPayModel
  let state: FormState
  let notice: String?

  var body: Node<HTML.BodyContext> {
    let slips: [Node<HTML.BodyContext>] = model.payslips.map { slip in
      let visits: [Node<HTML.TableContext>] = slip.visits.map { v in
        .tr(
          .td(.text(model.personNames[v.personID] ?? "")), .td(.text(v.day.longText)),
          .td(.text(CoopCalendar.clockText(v.start))), .td(.text(Minutes(v.minutes).clock)),
          .td(.text(Minutes(v.unsocialMinutes).clock)), .td(.text(Minutes(v.travelMinutes).clock)))
      }
      let title = "\(slip.period.from.longText) to \(slip.period.through.longText)"
      return .section(
        .h2(.text(title)),
        linesTable(slip.reckoning, label: "Your pay for \(title)"),
        .p(.text(minimumWords(slip.reckoning, employed: slip.basis == .employed))),
        paymentList(slip.payment),
        .details(
          .summary(.text("The visits (\(slip.visits.count))")),
          region(
            "Visits paid for \(title)",
            .table(
              .caption(.class("visually-hidden"), .text("Visits paid for \(title)")),
              .thead(
                .tr(.th("With"), .th("Day"), .th("Start"), .th("Hours"), .th("Unsocial"), .th("Travel before"))),
              .tbody(.group(visits))))))
    }
    return .group(
      Forms.errorSummary(state.errors),
      .h1("Your pay"),
      .unwrap(notice) { .p(.class("notice"), .attribute(named: "role", value: "status"), .text($0)) },
      .p(
        .class("lead"),
        "Each payslip is worked out from the visits whose times were confirmed, and the travel between them."),
      steady,
      .h2("Your payslips"),
      model.payslips.isEmpty ? .p("No payslip yet.") : .group(slips))
  }

  /// Plain or steady pay: the choice in force, the balance, the form to change it, the way to ask for the
  /// balance.
  var steady: Node<HTML.BodyContext> {
    let position = model.position
    let options: [(value: String, label: String, hint: String?)] = PayChoice.offered.map { n in
      n == 1
        ? ("1", "Plain pay", "Each pay run pays what you earned in it.")
        : (
          "\(n)", "Steady pay over \(n) pay runs",
          "Each pay run pays the average of your last \(n) pay runs' earnings (never below the minimum wage)."
        )
    }
    return .section(
      .attribute(named: "aria-labelledby", value: "steady-title"),
      .h2(.id("steady-title"), "How you are paid"),
      .p(.text(position.choice.words + ".")),
      .p(
        .text(
          "Steady pay keeps what you earn in a busy pay run and pays it in a quiet one. What is kept is yours: "
            + "your balance is paid in full when you ask, at the end of the tax year, or if you leave.")),
      .dl(
        .class("figures"),
        .dt("Your steady pay balance"),
        .dd(.strong(.id("balance-figure"), .text(Pence(position.balancePence).formatted))),
        .dt("Earned so far"), .dd(.text(Pence(position.earned.reduce(0, +)).formatted)),
        .dt("Paid so far"), .dd(.text(Pence(position.paid.reduce(0, +)).formatted))),
      .form(
        .action(SiteURL.myPaySteady.path), .method(.post), .attribute(named: "novalidate"), Forms.csrf(layout.csrf),
        Forms.radios("periods", legend: "How would you like to be paid?", options: options, state: state),
        Forms.submit("Save how I am paid")),
      balanceForm(position))
  }

  func balanceForm(_ position: PayPosition) -> Node<HTML.BodyContext> {
    if let asked = position.askedAt {
      return .p(
        .id("balance"), .class("notice"),
        .text(
          "You asked on \(CoopCalendar.london.day(of: asked).longText): the next pay run pays your whole balance."))
    }
    guard position.balancePence > 0 else {
      return .p(.id("balance"), .class("hint"), "You have no balance to be paid.")
    }
    return .form(
      .action(SiteURL.myPayBalance.path), .method(.post), Forms.csrf(layout.csrf),
      .p(.text("You can ask for your whole balance at the next pay run.")),
      .button(
        .type(.submit), .id("balance"), .class("button secondary"),
        .text("Pay me my balance of \(Pence(position.balancePence).formatted)")))
  }
}
