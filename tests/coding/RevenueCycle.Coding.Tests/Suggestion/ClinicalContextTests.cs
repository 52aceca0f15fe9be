using RevenueCycle.Coding.Suggestion;

namespace RevenueCycle.Coding.Tests.Suggestion;

public sealed class ClinicalContextTests
{
    [Theory]
    [InlineData("patient denies chest pain.", "chest pain", true)]
    [InlineData("no evidence of pneumonia on chest x-ray.", "pneumonia", true)]
    [InlineData("pulmonary embolism was ruled out.", "pulmonary embolism", true)]
    [InlineData("negative for fever and chills.", "chills", true)]
    [InlineData("chest pain radiating to the left arm.", "chest pain", false)]
    [InlineData("no change in his chronic back pain.", "back pain", false)]
    [InlineData("denies fever but reports a productive cough.", "productive cough", false)]
    public void IsNegated_FollowsTheNegExTriggersAndTheirScope(string sentence, string target, bool negated)
    {
        Assert.Equal(negated, ClinicalContext.IsNegated(sentence, target));
    }

    [Theory]
    [InlineData("possible pneumonia in the right lower lobe.", "pneumonia", Assertion.Uncertain)]
    [InlineData("history of stroke in 2019.", "stroke", Assertion.Historical)]
    [InlineData("mother had breast cancer at 50.", "breast cancer", Assertion.FamilyHistory)]
    [InlineData("no shortness of breath.", "shortness of breath", Assertion.Negated)]
    [InlineData("acute appendicitis confirmed at surgery.", "appendicitis", Assertion.Affirmed)]
    public void Classify_TellsTheCodingGuidelinesApart(string sentence, string target, Assertion expected)
    {
        var start = sentence.IndexOf(target, StringComparison.Ordinal);

        Assert.Equal(expected, ClinicalContext.Classify(sentence, start, target.Length));
    }
}
