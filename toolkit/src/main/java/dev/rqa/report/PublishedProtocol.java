package dev.rqa.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The evaluation protocol behind a set of published numbers, as far as it can be stated or
 * inferred, so that measured values are compared under the same definitions.
 *
 * @param dataset                dataset and split the numbers were measured on
 * @param datasetStatedBySource  whether the source names the dataset; false when it is inferred
 * @param datasetEvidence        why the dataset is believed to be this one
 * @param queries                number of evaluated queries
 * @param recallDefinition       what Recall@k means in the source
 * @param mrrDefinition          what MRR@k means in the source
 * @param recallStepPercent      step between possible Recall@k values in percent (100 / queries)
 * @param crossEncoderCandidates length of the candidate list the cross encoders re-rank
 * @param crossEncoderNote       how the cross-encoder rows were produced
 */
public record PublishedProtocol(String dataset, boolean datasetStatedBySource, String datasetEvidence, int queries,
                                String recallDefinition, String mrrDefinition, double recallStepPercent,
                                int crossEncoderCandidates, String crossEncoderNote) {

    /** Returns the protocol as sentences for the notes of a table or a report. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        lines.add("Dataset: " + dataset + ", " + queries + " queries"
                + (datasetStatedBySource ? "." : " (inferred, not stated by the source). " + datasetEvidence));
        lines.add(recallDefinition);
        lines.add(mrrDefinition);
        if (crossEncoderNote != null && !crossEncoderNote.isBlank()) {
            lines.add(crossEncoderNote);
        }
        return lines;
    }
}
