import CareCore
import Plot
import Testing

@testable import CareWeb

@Suite("Form helpers")
struct FormHelperTests {
  /// A text area with an error says so to screen readers, as a text field does: the error is described and
  /// the field marked invalid; without an error, neither.
  @Test func aTextAreaWithAnErrorIsMarkedAndDescribed() {
    let state = FormState(values: ["address": "x"], errors: [FieldError("address", "Enter the address")])
    let wrong = Node<HTML.BodyContext>.form(Forms.textarea("address", label: "Address", hint: "Where", state: state))
      .render()
    #expect(wrong.contains(#"aria-describedby="address-hint address-error""#))
    #expect(wrong.contains(#"aria-invalid="true""#))
    #expect(wrong.contains(#"id="address-error""#))
    let right = Node<HTML.BodyContext>.form(Forms.textarea("address", label: "Address", state: FormState())).render()
    #expect(!right.contains("aria-invalid") && !right.contains("aria-describedby"))
  }
}
