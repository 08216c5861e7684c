package dev.fanout.jobs.factorize;

import org.springframework.batch.infrastructure.item.ItemProcessor;

import dev.fanout.jobs.factorize.numbers.Algorithm;
import dev.fanout.jobs.factorize.numbers.Factorization;
import dev.fanout.jobs.factorize.numbers.Factorizer;
import dev.fanout.jobs.factorize.numbers.NumberAt;

/** Factorizes one number of a worker's share. Stateless, so any number of partitions may share the algorithm. */
class FactorizeProcessor implements ItemProcessor<NumberAt, Factorization> {

	private final Factorizer factorizer;

	private final Algorithm algorithm;

	FactorizeProcessor(Factorizer factorizer, Algorithm algorithm) {
		this.factorizer = factorizer;
		this.algorithm = algorithm;
	}

	@Override
	public Factorization process(NumberAt item) {
		return new Factorization(item.position(), item.number(), this.factorizer.divisors(item.number(), this.algorithm));
	}

}
