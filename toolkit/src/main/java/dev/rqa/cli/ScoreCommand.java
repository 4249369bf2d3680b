package dev.rqa.cli;

import dev.rqa.InvalidInputException;
import dev.rqa.eval.Measure;
import dev.rqa.eval.MetricsReport;
import dev.rqa.eval.Qrels;
import dev.rqa.eval.QrelsReader;
import dev.rqa.eval.QuerySet;
import dev.rqa.eval.Run;
import dev.rqa.eval.RunReader;
import dev.rqa.eval.TrecEval;
import dev.rqa.eval.TrecEvalFormat;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code rqa score}: trec_eval 9.0.8 on the command line, with its output format.
 *
 * <p>Prints {@code measure<TAB>query<TAB>value} lines (measure name padded to 22 characters,
 * 4 decimals, integers for counts), per query with {@code -q}, then the {@code all} rows. A line
 * on standard error states which queries were averaged.
 */
@Command(name = "score",
        mixinStandardHelpOptions = true,
        description = {
            "Scores a TREC run against qrels exactly as trec_eval 9.0.8 does and prints"
                    + " measure<TAB>query<TAB>value lines like trec_eval.",
            "Without -m: num_q, num_ret, num_rel, num_rel_ret, map, recip_rank, P, recall and ndcg_cut"
                    + " (the cutoff families at 5,10,15,20,30,100,200,500,1000)."
        })
public final class ScoreCommand implements Callable<Integer> {

    /**
     * trec_eval's default measures that rqa implements (its "official" set less runid, gm_map,
     * Rprec, bpref and iprec_at_recall), plus recall and ndcg_cut, which dense retrieval papers
     * report.
     */
    static final List<String> DEFAULT_MEASURES =
            List.of("num_q", "num_ret", "num_rel", "num_rel_ret", "map", "recip_rank", "P", "recall", "ndcg_cut");

    @Spec
    private CommandSpec spec;

    @Option(names = "--qrels", required = true, paramLabel = "FILE",
            description = "Relevance judgements: TREC qrels (qid iter docid rel) or a 3-column TSV"
                    + " (qid docid rel, optional header).")
    private Path qrelsPath;

    @Option(names = "--run", required = true, paramLabel = "FILE",
            description = "Run file: qid Q0 docid rank score tag.")
    private Path runPath;

    @Option(names = {"-m", "--measure"}, paramLabel = "MEASURE",
            description = "Measure as trec_eval names it, repeatable: ndcg_cut.10, map_cut.10, recall.50, P.5,10,"
                    + " recip_rank, map, success.1, hit_rate.50, recip_rank_cut.10 (MRR@10), num_q, num_ret,"
                    + " num_rel, num_rel_ret. A family without cutoffs (P, recall, ndcg_cut, map_cut, ...) uses"
                    + " 5,10,15,20,30,100,200,500,1000.")
    private List<String> measureNames = new ArrayList<>();

    @Option(names = "-q", description = "Also print the values of every query, as trec_eval -q.")
    private boolean perQuery;

    @Option(names = "-c", description = "Average over every judged query, missing ones scoring 0, as trec_eval -c"
            + " (same as --query-set all).")
    private boolean complete;

    @Option(names = "-M", paramLabel = "N", description = "Consider only the top N documents of each query, as"
            + " trec_eval -M.")
    private Integer maxDepth;

    @Option(names = "-l", paramLabel = "LEVEL", defaultValue = "1", description = "Lowest label that counts as"
            + " relevant, as trec_eval -l (default: ${DEFAULT-VALUE}).")
    private int relevanceLevel;

    @Option(names = "--query-set", paramLabel = "SET",
            description = "Queries to average over: trec_eval (default: queries in both run and qrels), all (every"
                    + " judged query, as -c) or with-relevant (MTEB / BEIR: queries in both with a relevant"
                    + " document).")
    private String querySetName;

    @Override
    public Integer call() {
        List<Measure> measures = Measure.parseAll(measureNames.isEmpty() ? DEFAULT_MEASURES : measureNames);
        TrecEval evaluator = TrecEval.of(measures)
                .withQuerySet(querySet())
                .withRelevanceLevel(relevanceLevel);
        if (maxDepth != null) {
            evaluator = evaluator.withMaxDepth(maxDepth);
        }

        Qrels qrels = QrelsReader.read(qrelsPath);
        Run run = RunReader.read(runPath);
        MetricsReport report = evaluator.evaluate(qrels, run);

        PrintWriter out = spec.commandLine().getOut();
        for (String line : TrecEvalFormat.lines(report, perQuery)) {
            out.println(line);
        }
        out.flush();
        spec.commandLine().getErr().println("rqa score: " + report.summary());
        spec.commandLine().getErr().flush();
        return 0;
    }

    private QuerySet querySet() {
        QuerySet requested = querySetName == null ? null : QuerySet.parse(querySetName);
        if (complete && requested != null && requested != QuerySet.ALL_JUDGED) {
            throw new InvalidInputException("-c requests query set 'all' but --query-set requests '"
                    + requested.cliName() + "'; give only one of them");
        }
        if (complete) {
            return QuerySet.ALL_JUDGED;
        }
        return requested == null ? QuerySet.TREC_EVAL : requested;
    }
}
