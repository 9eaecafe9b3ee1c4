package org.sda.engine.instrument;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Makes the instrument a front end plays. Found with {@link ServiceLoader}: the engine provides
 * {@link VariationInstrumentFactory}; a jar that provides another (a test instrument dropped into
 * the bundle's {@code lib/}) is used instead, or the one {@link InstrumentConfig#factory()} names.
 */
public interface InstrumentFactory {

    Instrument create(InstrumentConfig config);

    /**
     * The factory {@code config} asks for among those {@code loader} can see: the named one, else
     * one other than the engine's own, else the engine's own.
     *
     * @throws IllegalStateException when the named factory is not there
     */
    static InstrumentFactory find(InstrumentConfig config, ClassLoader loader) {
        List<InstrumentFactory> found = new ArrayList<>();
        ServiceLoader.load(InstrumentFactory.class, loader).forEach(found::add);
        if (config.factory().isPresent()) {
            String name = config.factory().get();
            return found.stream().filter(f -> f.getClass().getName().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no instrument factory " + name + " among "
                            + found.stream().map(f -> f.getClass().getName()).toList()));
        }
        return found.stream().filter(f -> !(f instanceof VariationInstrumentFactory)).findFirst()
                .orElseGet(VariationInstrumentFactory::new);
    }
}
