/** Small dense linear algebra in plain Java (Cholesky, SPD inverses) shared by the engine's packages. */
package io.sivistream.core.linalg;
