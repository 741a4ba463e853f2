import CareCases
import CareCore
import Plot
import Vapor

/// What the person pays towards their own care: how (what is invoiced, or a steady amount), the balance
/// still to pay, a request to settle it, and the statement month by month.
struct PaymentsPage: PageView {
  let layout: Layout
  let model: PaymentsModel
  let state: FormState
  let notice: String?

  var body: Node<HTML.BodyContext> {
    let name = model.personName
    return .group(
      Forms.errorSummary(state.errors),
      .h1(.text("What \(name) pays")),
      .unwrap(notice) { .p(.class("notice"), .attribute(named: "role", value: "status"), .text($0)) },
      .p(
        .class("lead"),
        .text(
          "Care that \(name) pays for (self-funded, or from a direct payment) is invoiced for the visits whose "
            + "times were agreed. Each month's end asks for a payment.")),
      model.paysTowardsCare
        ? .group(how, statement)
        : .p(.text("Nothing is invoiced to \(name): their care is paid for by others, so there is nothing to choose."))
    )
  }

  var how: Node<HTML.BodyContext> {
    let s = model.statement
    let options: [(value: String, label: String, hint: String?)] = PaymentsChoice.offered.map { n in
      n == 1
        ? ("1", "Pay what is invoiced", "Each month asks for what that month's invoices came to.")
        : (
          "\(n)", "A steady amount over \(n) months",
          "Each month asks for the average of the last \(n) months' invoices, never more than has been invoiced."
        )
    }
    return .section(
      .attribute(named: "aria-labelledby", value: "how-title"),
      .h2(.id("how-title"), .text("How \(model.personName) pays")),
      .p(.text(s.choice.paymentsWords + ".")),
      .p(
        .text(
          "A steady amount asks less in a busy month and catches up in a quiet one. What is not asked for yet is "
            + "the balance: it is asked for in full when you ask, at the end of March, or when this care ends.")),
      .dl(
        .class("figures"),
        .dt("Balance still to pay"), .dd(.strong(.id("balance-figure"), .text(Pence(s.balancePence).formatted))),
        .dt(.text("Invoiced so far in \(s.current.monthText)")),
        .dd(.text(Pence(s.invoicedThisMonthPence).formatted))),
      .if(
        model.mayChoose,
        .group(
          .form(
            .action(SiteURL.teamPaymentsSteady(.value(s.personID)).path), .method(.post),
            .attribute(named: "novalidate"), Forms.csrf(layout.csrf),
            Forms.radios("periods", legend: "How would you like to pay?", options: options, state: state),
            Forms.submit("Save how I pay")),
          settleForm)))
  }

  var settleForm: Node<HTML.BodyContext> {
    let s = model.statement
    if let asked = s.askedAt {
      return .p(
        .id("balance"), .class("notice"),
        .text("Asked on \(CoopCalendar.london.day(of: asked).longText): this month's end asks for the whole balance."))
    }
    guard s.balancePence > 0 else { return .p(.id("balance"), .class("hint"), "There is no balance to settle.") }
    return .form(
      .action(SiteURL.teamPaymentsSettle(.value(s.personID)).path), .method(.post), Forms.csrf(layout.csrf),
      .p("You can settle the whole balance at this month's end."),
      .button(.type(.submit), .id("balance"), .class("button secondary"), "Settle the balance"))
  }

  var statement: Node<HTML.BodyContext> {
    let months = model.statement.months.reversed()
    return .section(
      .attribute(named: "aria-labelledby", value: "statement-title"),
      .h2(.id("statement-title"), "Statement"),
      months.isEmpty
        ? .p("No month has ended since the first invoice.")
        : .div(
          .class("table-wrap"), .attribute(named: "role", value: "region"),
          .attribute(named: "aria-label", value: "Statement, newest month first"),
          .attribute(named: "tabindex", value: "0"),
          .table(
            .caption(.text("Each month: invoiced (credit notes taken off), asked for, and the balance after")),
            .thead(.tr(.th("Month"), .th("Invoiced"), .th("Asked for"), .th("Balance after"))),
            .tbody(
              .forEach(months) { m in
                .tr(
                  .th(.attribute(named: "scope", value: "row"), .text(m.month.monthText)),
                  .td(.text(Pence(m.invoicedPence).formatted)), .td(.text(asked(m))),
                  .td(.text(Pence(m.balancePence).formatted)))
              }))))
  }

  func asked(_ m: PaymentsMonth) -> String {
    let amount =
      m.askedPence < 0 ? "\(Pence(-m.askedPence).formatted) paid back" : Pence(m.askedPence).formatted
    guard let why = m.settled else { return amount }
    let words =
      switch why {
      case .asked: "settled, as asked"
      case .yearEnd: "settled at the year's end"
      case .leaving: "settled as this care ended"
      case .plainPay: "settled on going back to paying what is invoiced"
      }
    return "\(amount) (\(Pence(m.settledPence).formatted) \(words))"
  }
}
