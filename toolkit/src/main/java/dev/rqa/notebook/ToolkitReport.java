package dev.rqa.notebook;

import dev.rqa.bench.EfSweepBenchmark;
import dev.rqa.bench.EfSweepResult;
import dev.rqa.bench.QualityLatency;
import dev.rqa.bench.SweepResult;
import dev.rqa.eval.IndexKind;
import dev.rqa.eval.Reproduction;
import dev.rqa.eval.ReproductionResult;
import dev.rqa.model.registry.ModelLoader;
import dev.rqa.report.EnvironmentInfo;
import dev.rqa.report.Report;
import dev.rqa.report.ResultTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Builds the report of the notebooks without Jupyter: the same toolkit calls, with the same
 * parameters, in the same order, so that {@code rqa report} and the executed notebooks agree.
 */
public final class ToolkitReport {

    private static final Logger LOG = LoggerFactory.getLogger(ToolkitReport.class);

    public static final String TITLE = "rqa report: reproduced tables and measurements";

    private ToolkitReport() {
    }

    /**
     * Runs the DualEncoder and CrossEncoder reproductions, the size sweep with its quality-latency
     * trade-off and the HNSW ef sweep, and returns the report.
     *
     * @param command the command line that regenerates the report
     */
    public static Report build(NotebookParameters parameters, String command) {
        EnvironmentInfo environment = EnvironmentInfo.capture();
        Report report = Report.titled(TITLE).environment(environment).command(command);
        report.section("Environment and parameters").table(parameters.describe(environment));

        ModelLoader loader = parameters.loader();
        Reproduction reproduction = parameters.reproduction();
        LOG.info("report: DualEncoder table on {}", parameters.datasetSpec());
        ReproductionResult dual = reproduction.indexes(List.of(IndexKind.EXACT, IndexKind.HNSW))
                .runDualEncoders(loader);
        report.section("DualEncoder table")
                .table(reproduction.dualEncoderAvailability(loader))
                .table(dual.dualEncoder())
                .table(dual.measurements())
                .plot("DualEncoder MRR@10", dual.dualEncoder().barPlot("MRR@10"))
                .table(dual.t2ranking());

        LOG.info("report: CrossEncoder table on {}", parameters.datasetSpec());
        ReproductionResult cross = reproduction.runCrossEncoders(loader);
        report.section("CrossEncoder table")
                .table(reproduction.crossEncoderAvailability(loader))
                .table(cross.crossEncoder())
                .table(cross.measurements())
                .plot("CrossEncoder MRR@10", cross.crossEncoder().barPlot("MRR@10"));

        LOG.info("report: size sweep of {} and {} on {}", parameters.sizes(), parameters.sweepModels(),
                parameters.devices());
        SweepResult sweep = parameters.sizeSweep().run();
        report.section("Size sweep")
                .table(ResultTable.keyValue("Size sweep settings", sweep.settings().describe()))
                .table(sweep.table())
                .table(sweep.detailTable())
                .table(sweep.qualityTable());
        sweep.plots().forEach(report::plot);

        // The sweep already evaluated every model with real weights, so the trade-off needs no second run.
        QualityLatency trade = sweep.qualityLatency();
        report.section("Quality against latency").table(trade.table());
        if (!trade.isEmpty()) {
            report.plot("nDCG@10 against query latency", trade.queryPlot(QualityLatency.Measure.NDCG_AT_10))
                    .plot("MRR@10 against query latency", trade.queryPlot(QualityLatency.Measure.MRR_AT_10))
                    .plot("nDCG@10 against index build time", trade.indexPlot(QualityLatency.Measure.NDCG_AT_10));
        }

        List<String> models = dual.dualEncoder().measuredModels();
        if (models.isEmpty()) {
            report.section("HNSW ef sweep").paragraph("No dual encoder was measured, so there is no ef sweep.");
        } else {
            LOG.info("report: HNSW ef sweep of {} on {}", models, parameters.datasetSpec());
            EfSweepResult efSweep = EfSweepBenchmark.on(parameters.datasetSpec()).models(models).run(loader);
            report.section("HNSW ef sweep")
                    .table(efSweep.table())
                    .plot("HNSW recall against throughput", efSweep.plot())
                    .plot("nDCG@10 against HNSW search time", efSweep.paretoPlot());
        }
        return report;
    }
}
