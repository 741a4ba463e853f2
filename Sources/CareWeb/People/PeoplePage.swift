import CareCases
import CareCore
import Plot

struct PeoplePage: PageView {
  let layout: Layout
  let people: [(Person, Account)]
  let circles: [Circle]
  let state: FormState

  var body: Node<HTML.BodyContext> {
    .group(
      Forms.errorSummary(state.errors),
      .h1("People supported"),
      people.isEmpty
        ? .p("Nobody yet.")
        : .ul(
          .class("list"),
          .forEach(people) { person, account in
            .li(.a(.href(SiteURL.team(.value(person.id)).path), .text("\(account.name)'s team")))
          }),
      .section(
        .h2("Add a person and start their team"),
        .form(
          .action(SiteURL.people.path), .method(.post), .attribute(named: "novalidate"),
          Forms.csrf(layout.csrf),
          Forms.text("name", label: "Their full name", state: state),
          Forms.text(
            "email", label: "Their email address (optional)", hint: "Only if they will sign in themselves",
            state: state, type: .email),
          Forms.radios(
            "circleID", legend: "Which circle will support them?",
            options: circles.map { ($0.id.description, $0.name, $0.area) }, state: state),
          Forms.textarea(
            "communicationNeeds", label: "Communication needs (optional)",
            hint: "How they need information: for example Easy Read, large print, British Sign Language", state: state),
          Forms.submit("Add the person")
        )
      )
    )
  }
}
