import CareCases
import CareCore
import Plot

struct MembersPage: PageView {
  let layout: Layout
  let register: [(Member, Account)]
  let mayChange: Bool
  let state: FormState
  let today: Day

  var body: Node<HTML.BodyContext> {
    .group(
      Forms.errorSummary(state.errors),
      .h1("Register of members"),
      .p(.text("\(register.filter { $0.0.canVote(on: today) }.count) members can vote. One member, one vote.")),
      .if(
        mayChange,
        .p(
          .a(
            .href(SiteURL.membersCSV.path), .attribute(named: "download", value: "member-register.csv"),
            "Download the register (CSV, for a spreadsheet)"))),
      .div(
        .class("table-wrap"), .attribute(named: "role", value: "region"),
        .attribute(named: "aria-label", value: "Members"),
        .attribute(named: "tabindex", value: "0"),
        .table(
          .caption(.class("visually-hidden"), "Members of the co-op"),
          .thead(.tr(.th("Name"), .th("Class"), .th("Joined"), .th("Share"), .th("Left"))),
          .tbody(
            .forEach(register) { member, account in
              .tr(
                .td(
                  mayChange
                    ? .a(.href(SiteURL.member(.value(member.id)).path), .text(account.name))
                    : .text(account.name)),
                .td(.text(member.memberClass.label)), .td(.text(member.joinedOn.longText)),
                .td(.text(Pence(member.sharePence).formatted)), .td(.text(member.leftOn?.longText ?? "")))
            })
        )),
      .if(
        mayChange,
        .section(
          .h2("Add a member"),
          .p(
            "Someone already in the co-op, like a person supported or a family member? ",
            .a(.href(SiteURL.memberFromAccount.path), "Make them a member"), " instead, so they keep one account."),
          .form(
            .action(SiteURL.members.path), .method(.post), .attribute(named: "novalidate"),
            Forms.csrf(layout.csrf),
            Forms.text("name", label: "Full name", state: state),
            Forms.text("email", label: "Email address (optional)", state: state, type: .email),
            Forms.radios(
              "memberClass", legend: "Class of membership",
              options: MemberClass.allCases.map { ($0.rawValue, $0.label, $0.hint) }, state: state),
            Forms.date("joinedOn", legend: "Date they joined", hint: "For example, 27 3 2026", state: state),
            Forms.text(
              "sharePence", label: "Share, in pence", hint: "For example, 100 for £1", state: state, width: "w10"),
            Forms.submit("Add the member")
          )
        ))
    )
  }
}

/// Makes someone who already has an account in the co-op a member.
struct MemberFromAccountPage: PageView {
  let layout: Layout
  let candidates: [Account]
  let state: FormState

  var body: Node<HTML.BodyContext> {
    .group(
      Forms.errorSummary(state.errors),
      .h1("Make someone already here a member"),
      candidates.isEmpty
        ? .p("Everyone with an account in the co-op is already a member.")
        : .form(
          .action(SiteURL.memberFromAccount.path), .method(.post), .attribute(named: "novalidate"),
          Forms.csrf(layout.csrf),
          Forms.radios(
            "accountID", legend: "Who is joining?",
            options: candidates.map { ($0.id.description, $0.name, $0.email) }, state: state),
          Forms.radios(
            "memberClass", legend: "Class of membership",
            options: MemberClass.allCases.map { ($0.rawValue, $0.label, $0.hint) }, state: state),
          Forms.date("joinedOn", legend: "Date they joined", hint: "For example, 27 3 2026", state: state),
          Forms.text(
            "sharePence", label: "Share, in pence", hint: "For example, 100 for £1", state: state, width: "w10"),
          Forms.submit("Make them a member")
        ),
      .p(.a(.href(SiteURL.members.path), "Back to the register of members"))
    )
  }
}

/// One member's line of the register: change their class, their share, or the day they left.
struct MemberPage: PageView {
  let layout: Layout
  let member: Member
  let account: Account
  let state: FormState

  var body: Node<HTML.BodyContext> {
    .group(
      Forms.errorSummary(state.errors),
      .h1(.text(account.name)),
      .p(.text("Joined on \(member.joinedOn.longText).")),
      .form(
        .action(SiteURL.member(.value(member.id)).path), .method(.post), .attribute(named: "novalidate"),
        Forms.csrf(layout.csrf),
        Forms.radios(
          "memberClass", legend: "Class of membership",
          options: MemberClass.allCases.map { ($0.rawValue, $0.label, $0.hint) }, state: state),
        Forms.text(
          "sharePence", label: "Share, in pence", hint: "For example, 100 for £1", state: state, width: "w10"),
        Forms.date(
          "leftOn", legend: "Date they left (leave empty while they are a member)",
          hint: "For example, 27 3 2026", state: state),
        Forms.submit("Save the change")
      ),
      .p(
        .a(
          .href(SiteURL.workerEngagements(.value(account.id)).path),
          .text("How \(account.name) is engaged and paid"))),
      .p(.a(.href(SiteURL.members.path), "Back to the register of members"))
    )
  }
}
