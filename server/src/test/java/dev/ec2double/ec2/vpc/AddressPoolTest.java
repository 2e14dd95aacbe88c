package dev.ec2double.ec2.vpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ec2double.core.Cidr;
import dev.ec2double.errors.AwsException;
import org.junit.jupiter.api.Test;

class AddressPoolTest {
  @Test
  void skipsTheFourFirstAndTheLastAddressAwsReserves() {
    AddressPool pool = new AddressPool("subnet-1", Cidr.parseOrNull("10.0.1.0/28"));
    assertThat(pool.available()).isEqualTo(11);
    assertThat(pool.allocate()).isEqualTo("10.0.1.4");
    for (int i = 5; i <= 14; i++) {
      assertThat(pool.allocate()).isEqualTo("10.0.1." + i);
    }
    assertThatThrownBy(pool::allocate)
        .isInstanceOf(AwsException.class)
        .hasMessageContaining("not enough free addresses");
    pool.release("10.0.1.9");
    assertThat(pool.allocate()).isEqualTo("10.0.1.9");
  }

  @Test
  void spreadGivesEveryUsableAddressOnceEach() {
    AddressPool pool = new AddressPool("subnet-1", Cidr.parseOrNull("10.0.1.0/28"));
    java.util.Set<String> given = new java.util.HashSet<>();
    for (int i = 0; i < 11; i++) {
      given.add(pool.allocate(java.util.Set.of(), true));
    }
    java.util.Set<String> expected = new java.util.HashSet<>();
    for (int i = 4; i <= 14; i++) {
      expected.add("10.0.1." + i);
    }
    assertThat(given).isEqualTo(expected);
    assertThatThrownBy(() -> pool.allocate(java.util.Set.of(), true))
        .isInstanceOf(AwsException.class);
  }

  @Test
  void neverGivesAnAddressOthersTakeOnASharedNetwork() {
    AddressPool pool = new AddressPool("subnet-1", Cidr.parseOrNull("10.0.1.0/28"));
    java.util.Set<String> others = java.util.Set.of("10.0.1.4", "10.0.1.7", "10.0.1.14");
    java.util.Set<String> given = new java.util.HashSet<>();
    for (int i = 0; i < 8; i++) {
      given.add(pool.allocate(others, true));
    }
    assertThat(given).hasSize(8).doesNotContainAnyElementsOf(others);
    assertThatThrownBy(() -> pool.allocate(others, false)).isInstanceOf(AwsException.class);
  }

  @Test
  void claimsAGivenAddressOnceAndRefusesReservedOnes() {
    AddressPool pool = new AddressPool("subnet-1", Cidr.parseOrNull("10.0.1.0/24"));
    assertThat(pool.claim("10.0.1.50")).isEqualTo("10.0.1.50");
    assertThatThrownBy(() -> pool.claim("10.0.1.50")).hasMessage("Address 10.0.1.50 is in use.");
    assertThatThrownBy(() -> pool.claim("10.0.1.3")).hasMessageContaining("reserved");
    assertThatThrownBy(() -> pool.claim("10.0.1.255")).hasMessageContaining("reserved");
    assertThatThrownBy(() -> pool.claim("10.0.2.5")).hasMessageContaining("address range");
  }
}
