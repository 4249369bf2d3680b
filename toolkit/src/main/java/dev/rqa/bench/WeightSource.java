package dev.rqa.bench;

/** Origin of the weights of a measured model. */
public enum WeightSource {
    /** The published checkpoint, found locally; speed and quality are both reported. */
    REAL("real"),
    /** Seeded random weights of the exact architecture; speed and memory only, since quality would be meaningless. */
    SPEED_ONLY("speed only");

    private final String label;

    WeightSource(String label) {
        this.label = label;
    }

    /** Returns the label printed in tables and CSV files. */
    public String label() {
        return label;
    }
}
