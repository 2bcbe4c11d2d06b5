package io.lakegate.contract;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A contract whose columns a file's header holds: every required column, none twice, at least one column, and
 * nothing the contract does not declare when it is strict. Says which contract a file misnamed for its key is
 * most likely for, and lets a contract with {@code source.matchHeader} claim such a file.
 *
 * @param columnsByHeaderName each header name and the contract column it would be read as
 */
public record HeaderMatch(DataContract contract, Map<String, String> columnsByHeaderName) {

    /** The contracts, in their order, whose columns the header holds. */
    public static List<HeaderMatch> among(List<DataContract> contracts, List<String> header) {
        return contracts.stream()
                .flatMap(contract -> of(contract, header).stream())
                .toList();
    }

    /** The first contract that claims files by their header ({@code source.matchHeader}) and whose columns it holds. */
    public static Optional<DataContract> claiming(List<DataContract> contracts, List<String> header) {
        return contracts.stream()
                .filter(contract -> contract.source().matchHeader())
                .filter(contract -> of(contract, header).isPresent())
                .findFirst();
    }

    private static Optional<HeaderMatch> of(DataContract contract, List<String> header) {
        HeaderMapping mapping = HeaderMapping.resolve(contract, header);
        boolean matches = mapping.matchesAnyColumn() && mapping.missingRequired().isEmpty()
                && mapping.duplicateColumns().isEmpty()
                && (!contract.source().strictColumns() || mapping.extraColumns().isEmpty());
        return matches ? Optional.of(new HeaderMatch(contract, mapping.columnsByHeaderName(header))) : Optional.empty();
    }
}
