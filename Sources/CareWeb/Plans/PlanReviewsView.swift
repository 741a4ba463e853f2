import CareCases
import CareCore
import Plot
import Vapor

/// The plan's reviews, under the plan: when the next is due, those held with what was agreed, and (for the
/// team) the forms to set the next date and to record one held. Photos and recordings of a review are media
/// kept under the person's consent, from a meeting of that day.
struct PlanReviewsView {
  let model: PlanModel
  let state: FormState
  let csrf: String

  var person: ID<Person> { model.team.person.id }

  var body: Node<HTML.BodyContext> {
    .section(
      .id("reviews"), .attribute(named: "aria-labelledby", value: "reviews-title"),
      .h2(.id("reviews-title"), "Reviews of the plan"),
      .p(
        .text(
          model.reviews.due.map {
            "The next review is on \($0.longText). Everyone in the team is reminded two weeks before."
          }
            ?? "No date is set for the next review.")),
      .forEach(model.reviews.held) { review in
        .div(
          .class("card"),
          .h3(.text("Review held on \(review.day.longText)")),
          .forEach(review.notes.split(separator: "\n", omittingEmptySubsequences: true)) { .p(.text(String($0))) },
          .p(.class("hint"), .text("Recorded by \(model.name(review.by)).")))
      },
      .if(
        model.mayPropose,
        .group(
          .p(
            .class("no-print"),
            .a(
              .href(SiteURL.teamMedia(.value(person)).path),
              "Photos and recordings from a review: add them as from a meeting")),
          .details(
            .class("no-print"), .attribute(named: "open", value: state.error("due") == nil ? nil : "open"),
            .summary("Set the date of the next review"),
            .form(
              .action(SiteURL.teamPlanReviewDate(.value(person)).path), .method(.post),
              .attribute(named: "novalidate"), Forms.csrf(csrf),
              Forms.date("due", legend: "The next review", hint: "For example, 5 6 2026.", state: state),
              Forms.submit("Set the date"))),
          .details(
            .class("no-print"),
            .attribute(
              named: "open",
              value: ["held", "notes", "nextDue"].allSatisfy { state.error($0) == nil } ? nil : "open"),
            .summary("Record a review that was held"),
            .form(
              .action(SiteURL.teamPlanReviews(.value(person)).path), .method(.post),
              .attribute(named: "novalidate"), Forms.csrf(csrf),
              Forms.date("held", legend: "The day it was held", hint: "For example, 28 5 2026.", state: state),
              Forms.textarea("notes", label: "What was agreed", hint: "One idea a line.", state: state),
              Forms.date(
                "nextDue", legend: "The next review (optional)", hint: "For example, 28 11 2026.", state: state),
              Forms.submit("Record the review"))))))
  }
}
